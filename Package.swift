// swift-tools-version: 6.0
// ticketsweep — parameter sweeps of the execution-tickets economy.
//
// Module shape (dependencies point one way; see ../shared/STYLE.md):
//   ticketsweep (executable) -> SweepCommands -> SweepEngine, SweepPlanner, SweepResults
//   SweepEngine -> TicketModel -> SweepRandom, SweepStatistics -> SweepCore
//   SweepStatistics -> COpenBLAS (the only place that imports cblas)
//   SweepManifest (the only place that imports Yams) -> TicketModel
import PackageDescription

let package = Package(
    name: "ticketsweep",
    products: [
        .executable(name: "ticketsweep", targets: ["ticketsweep"]),
        .library(name: "TicketSweep", targets: ["SweepCommands"]),
        .library(name: "SweepManifest", targets: ["SweepManifest"]),  // for Fuzz/
        // For Benchmarks/ (its own package, so that package-benchmark never reaches users).
        .library(name: "SweepRandom", targets: ["SweepRandom"]),
        .library(name: "SweepStatistics", targets: ["SweepStatistics"]),
        .library(name: "TicketModel", targets: ["TicketModel"]),
        .library(name: "SweepPlanner", targets: ["SweepPlanner"]),
        .library(name: "SweepEngine", targets: ["SweepEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "SweepCore"),
        .target(name: "SweepRandom", dependencies: ["SweepCore"]),
        .target(name: "SweepStatistics", dependencies: ["SweepCore", "COpenBLAS"]),
        .target(
            name: "TicketModel", dependencies: ["SweepCore", "SweepRandom", "SweepStatistics"],
            // BatchState's invariant checks, on in debug builds (and so in `swift test`).
            swiftSettings: [.define("TICKETSWEEP_INTERNAL_CHECKS", .when(configuration: .debug))]
        ),
        .target(
            name: "SweepManifest",
            dependencies: ["SweepCore", "TicketModel", .product(name: "Yams", package: "Yams")],
            // Swift 6.3.1's optimiser crashes (CopyPropagation ownership verification) on the
            // validator's code in release builds; parsing a manifest is not a hot path.
            swiftSettings: [.unsafeFlags(["-Onone"])]
        ),
        .target(name: "SweepPlanner", dependencies: ["SweepCore", "SweepRandom", "SweepManifest", "TicketModel"]),
        .target(name: "SweepResults", dependencies: ["SweepCore", "SweepStatistics", "SweepPlanner", "TicketModel"]),
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
        .testTarget(name: "SweepRandomTests", dependencies: ["SweepRandom", "SweepCore"]),
        .testTarget(name: "SweepStatisticsTests", dependencies: ["SweepStatistics", "SweepCore"]),
        .testTarget(name: "TicketModelTests", dependencies: ["TicketModel", "SweepRandom", "SweepStatistics", "SweepTestSupport"]),
        .testTarget(name: "SweepManifestTests", dependencies: ["SweepManifest", "TicketModel"]),
        .testTarget(name: "SweepPlannerTests", dependencies: ["SweepPlanner", "SweepManifest", "TicketModel"]),
        .testTarget(name: "SweepEngineTests", dependencies: ["SweepEngine", "SweepPlanner", "SweepManifest", "SweepResults", "TicketModel", "SweepTestSupport"]),
        .testTarget(name: "SweepReportTests", dependencies: ["SweepReport", "SweepCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SweepTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
