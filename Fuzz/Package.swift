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
        .executableTarget(
            name: "ManifestFuzzer",
            dependencies: [.product(name: "SweepManifest", package: "ticketsweep")],
            // libFuzzer supplies `main`; the entry point is `LLVMFuzzerTestOneInput`.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
