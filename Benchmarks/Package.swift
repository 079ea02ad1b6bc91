// swift-tools-version: 6.1
// Performance suites of ticketsweep on ordo-one's package-benchmark, and the random-number floor
// of scripts/compare. Its own package (as swift-nio's Benchmarks/ is), so that package-benchmark
// never reaches the product's users.
//
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
//   swift package benchmark thresholds check          # against Thresholds/*.p90.json
//   swift run -c release Floor --help                 # the floor of ../scripts/compare
//   swift run -c release MechanismRates               # ../scripts/bench-mechanisms
//   swift run -c release ElementaryCalls              # ns per call of SweepMath's log, pow, ... and libm's
//
// package-benchmark is named by its current URL (ordo-one/benchmark; 1.38 warns about the old
// package-benchmark identifier). Only its "MallocInterposer" trait is enabled: the default traits
// add "RuntimeInterposer" (ARC statistics on Linux with Swift 6.3), whose package
// swift-runtime-interposer is not needed to count allocations and is not on these machines.
import PackageDescription

let suiteDependencies: [Target.Dependency] = [
    "BenchmarkScenario",
    .product(name: "Benchmark", package: "benchmark"),
    .product(name: "SweepRandom", package: "ticketsweep"),
    .product(name: "SweepStatistics", package: "ticketsweep"),
    .product(name: "TicketModel", package: "ticketsweep"),
]

/// One executable target per suite, as package-benchmark expects (`Benchmarks/<Suite>/`).
func suite(_ name: String, _ extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: suiteDependencies + extra,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "TicketSweepBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "ticketsweep", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The bench scenario (../sweeps/bench.yaml) and one point per pricing mechanism, in Swift.
        .target(
            name: "BenchmarkScenario",
            dependencies: [.product(name: "TicketModel", package: "ticketsweep")]
        ),
        // Draws exactly the random numbers of the bench scenario, without the market.
        .executableTarget(
            name: "Floor",
            dependencies: [
                "BenchmarkScenario",
                .product(name: "SweepMath", package: "ticketsweep"),
                .product(name: "SweepRandom", package: "ticketsweep"),
                .product(name: "TicketModel", package: "ticketsweep"),
            ]
        ),
        // Slot-steps per second per mechanism as JSON, for ../scripts/bench-mechanisms.
        .executableTarget(
            name: "MechanismRates",
            dependencies: ["BenchmarkScenario", .product(name: "TicketModel", package: "ticketsweep")]
        ),
        // Nanoseconds per call of SweepMath's scalar log, log10, pow and exp against the C library's.
        .executableTarget(
            name: "ElementaryCalls",
            dependencies: [.product(name: "SweepMath", package: "ticketsweep")]
        ),
        suite("RandomNumbers"),
        suite("Auction"),
        suite("Mechanisms"),
        suite("Statistics"),
        suite("PointReduce", [
            .product(name: "SweepPlanner", package: "ticketsweep"),
            .product(name: "SweepEngine", package: "ticketsweep"),
            .product(name: "SweepResults", package: "ticketsweep"),
        ]),
        suite("PointRun", [
            .product(name: "SweepPlanner", package: "ticketsweep"),
            .product(name: "SweepEngine", package: "ticketsweep"),
            .product(name: "SweepResults", package: "ticketsweep"),
        ]),
        suite("Shard", [
            .product(name: "SweepPlanner", package: "ticketsweep"),
            .product(name: "SweepEngine", package: "ticketsweep"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
