import SweepManifest

/// libFuzzer's entry point: one input, read as a YAML manifest and as a JSON manifest.
///
/// Every outcome but a trap is a pass: a valid manifest, or `ManifestProblems` (which must name
/// the file and hold at least one problem — checked here, so that a silent failure is a crash).
/// `empirical` files named by an input are read relative to a folder that does not exist.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for json in [false, true] {
        let file = json ? "/nonexistent/fuzz.json" : "/nonexistent/fuzz.yaml"
        do {
            _ = try ManifestLoader.parse(text: text, file: file, json: json)
        } catch {
            guard !error.errors.isEmpty, error.description.hasPrefix(file) else {
                fatalError("a rejected manifest must give at least one problem naming its file: \(error)")
            }
        }
    }
    return 0
}
