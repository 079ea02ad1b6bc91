// swift-tools-version: 6.0
// ticketsweep — parameter sweeps of the execution-tickets economy.
//
// Module shape (dependencies point one way; see ../shared/STYLE.md):
//   ticketsweep (executable) -> SweepCommands -> SweepManifest, SweepEngine, SweepResults
//   SweepEngine -> SweepResults -> SweepPlanner -> TicketModel (the plan: settings, design and each
//     point's ModelParameters as plain values; no YAML or config tree below SweepManifest)
//   SweepEngine -> TicketModel -> SweepRandom, SweepStatistics -> SweepMath, SweepCore
//   SweepMath: elementary functions from IEEE basic operations (no libm), same bits on every CPU
//   SweepMath, SweepRandom, SweepStatistics -> CWideKernels (AVX2 / AVX-512 lanes chosen at run time, the same bits)
//   SweepStatistics -> COpenBLAS (the only place that imports cblas)
//   SweepManifest (the only place that imports Yams) -> SweepPlanner, TicketModel: it builds the plan
// Libraries instead of hand-written pieces, each imported by one file:
//   SweepCore: swift-crypto (SHA256.swift), CSV.swift (CSVTable.swift)
//   SweepStatistics: swift-numerics' RealModule (Augmented.sum in Moments, CoMoments)
//   SweepResults: swift-system (AtomicFile.swift, FileDescriptor.writeAll)
// No unsafe build flags, so a package can depend on TicketSweep by version (scripts/test-dependency).
import PackageDescription

let package = Package(
    name: "ticketsweep",
    products: [
        .executable(name: "ticketsweep", targets: ["ticketsweep"]),
        .library(name: "TicketSweep", targets: ["SweepCommands"]),
        .library(name: "SweepManifest", targets: ["SweepManifest"]),  // for Fuzz/
        // For Benchmarks/ (its own package, so that package-benchmark never reaches users).
        .library(name: "SweepMath", targets: ["SweepMath"]),
        .library(name: "SweepRandom", targets: ["SweepRandom"]),
        .library(name: "SweepStatistics", targets: ["SweepStatistics"]),
        .library(name: "TicketModel", targets: ["TicketModel"]),
        .library(name: "SweepPlanner", targets: ["SweepPlanner"]),
        .library(name: "SweepEngine", targets: ["SweepEngine"]),
        .library(name: "SweepResults", targets: ["SweepResults"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "SweepCore", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),  // SHA-256 (SHA256.swift is the one file importing it)
            .product(name: "CSV", package: "CSV.swift"),  // the CSV reader (CSVTable.swift is the one file importing it)
        ]),
        // AVX2 / AVX-512 kernels picked at run time (Philox stream fills; exp, the normal
        // quantile and the sketch's bucket index in lanes), the same bits as the portable Swift
        // code; each module calls it from one wrapper file: SweepMath's WideKernels.swift,
        // SweepRandom's WideRandom.swift, SweepStatistics' QuantileSketch+Wide.swift.
        .target(name: "CWideKernels"),
        .target(name: "SweepMath", dependencies: ["CWideKernels"]),
        .target(name: "SweepRandom", dependencies: ["SweepCore", "SweepMath", "CWideKernels"]),
        .target(name: "SweepStatistics", dependencies: [
            "SweepCore", "SweepMath", "COpenBLAS", "CWideKernels",
            .product(name: "RealModule", package: "swift-numerics"),  // Augmented.sum only (no libm)
        ]),
        .target(
            name: "TicketModel", dependencies: ["SweepCore", "SweepMath", "SweepRandom", "SweepStatistics"],
            // BatchState's invariant checks, on in debug builds (and so in `swift test`).
            swiftSettings: [.define("TICKETSWEEP_INTERNAL_CHECKS", .when(configuration: .debug))]
        ),
        .target(
            name: "SweepManifest",
            dependencies: ["SweepCore", "SweepMath", "SweepRandom", "TicketModel", "SweepPlanner", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "SweepPlanner", dependencies: ["SweepCore", "TicketModel"]),
        // Research analyses over a sweep's tables (Sobol' sensitivity); knows nothing of files.
        .target(name: "SweepAnalysis", dependencies: ["SweepCore", "SweepRandom"]),
        .target(name: "SweepResults", dependencies: [
            "SweepCore", "SweepStatistics", "SweepPlanner", "TicketModel", "SweepAnalysis",
            .product(name: "SystemPackage", package: "swift-system"),  // FileDescriptor.writeAll
        ]),
        .target(name: "SweepReport", dependencies: ["SweepCore"]),
        .target(name: "SweepEngine", dependencies: ["SweepCore", "SweepStatistics", "TicketModel", "SweepPlanner", "SweepResults"]),
        .target(
            name: "SweepCommands",
            dependencies: [
                "SweepCore", "SweepManifest", "SweepPlanner", "SweepEngine", "SweepResults", "SweepReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ticketsweep", dependencies: ["SweepCommands"]),
        .target(name: "SweepTestSupport", dependencies: ["SweepCore", "TicketModel", "SweepStatistics"], path: "Tests/SweepTestSupport"),
        .testTarget(name: "SweepCoreTests", dependencies: ["SweepCore"]),
        .testTarget(name: "SweepMathTests", dependencies: ["SweepMath"], exclude: ["Fixtures"]),
        .testTarget(name: "SweepRandomTests", dependencies: ["SweepRandom", "SweepCore"]),
        .testTarget(name: "SweepStatisticsTests", dependencies: ["SweepStatistics", "SweepCore", "SweepMath"]),
        .testTarget(name: "TicketModelTests", dependencies: ["TicketModel", "SweepRandom", "SweepStatistics", "SweepTestSupport"]),
        .testTarget(name: "SweepManifestTests", dependencies: ["SweepManifest", "SweepPlanner", "TicketModel"]),
        .testTarget(name: "SweepPlannerTests", dependencies: ["SweepPlanner", "SweepManifest", "TicketModel"]),
        .testTarget(name: "SweepResultsTests", dependencies: ["SweepResults", "SweepPlanner", "SweepStatistics", "TicketModel", "SweepCore"]),
        .testTarget(name: "SweepEngineTests", dependencies: ["SweepEngine", "SweepPlanner", "SweepManifest", "SweepResults", "TicketModel", "SweepTestSupport"]),
        .testTarget(name: "SweepAnalysisTests", dependencies: ["SweepAnalysis", "SweepRandom"]),
        .testTarget(name: "SweepReportTests", dependencies: ["SweepReport", "SweepCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SweepTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
