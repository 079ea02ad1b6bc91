import CFuzzerDriver
import SweepManifest

/// libFuzzer's entry point: one input, read as a YAML manifest and as a JSON manifest, from its
/// raw bytes (so that the size and UTF-8 checks of a manifest file are fuzzed too).
///
/// Every outcome but a trap is a pass: a manifest, or `ManifestProblems` that hold at least one
/// problem and name the file (checked here, so that a silent rejection counts as a crash).
/// `empirical` files that an input names relative to its folder are looked for in a folder that
/// does not exist.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for json in [false, true] {
        let file = json ? "/nonexistent/fuzz.json" : "/nonexistent/fuzz.yaml"
        do {
            _ = try ManifestLoader.parse(bytes: bytes, file: file, json: json)
        } catch {
            guard !error.errors.isEmpty, error.description.hasPrefix(file) else {
                fatalError("a rejected manifest must give at least one problem naming its file: \(error)")
            }
        }
    }
    return 0
}

/// The process's `main` (SwiftPM links executables with `--defsym main=ManifestFuzzer_main`):
/// libFuzzer's driver with the command line as given.
@_cdecl("ManifestFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else {
            var empty: UInt8 = 0
            return fuzz(&empty, 0)
        }
        return fuzz(data, size)
    }
}
