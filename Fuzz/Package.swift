// swift-tools-version: 6.0
// A libFuzzer target over the manifest parser and validator. Its own package (as Benchmarks/ is),
// so that the fuzzer's flags never reach the product. Built and run by ../scripts/fuzz:
//   swift build -c debug -Xswiftc -sanitize=fuzzer --scratch-path ../.build-fuzz
import PackageDescription

let package = Package(
    name: "ManifestFuzz",
    dependencies: [
        .package(name: "ticketsweep", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "ManifestFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "SweepManifest", package: "ticketsweep")],
            // No top-level code: `main` is ManifestFuzzer_main (SwiftPM links every executable
            // with `--defsym main=<module>_main`), which hands over to libFuzzer's driver.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
