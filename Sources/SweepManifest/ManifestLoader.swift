import TicketModel
import Foundation
import SweepCore
import SweepPlanner

/// Reads, checks and completes a sweep manifest.
///
/// Every problem is reported at once, sorted by position; nothing a user can write makes it trap
/// or hang (input size, nesting and alias expansion are bounded).
public enum ManifestLoader {
    /// Manifests larger than this (1 MiB) are refused before parsing: a sweep manifest is a few
    /// kilobytes, and checking 1 MiB of any shape takes well under a second.
    static let maxBytes = 1 << 20

    /// Reads the file at `path`: JSON when it ends in `.json`, YAML otherwise. Relative
    /// `empirical` files are read from the manifest's folder.
    public static func load(path: String) throws(ManifestProblems) -> Manifest {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        let fail = { (why: String) in ManifestProblems(errors: [ManifestError(file: path, mark: nil, message: why)]) }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail("cannot read the manifest: there is no such file")
        }
        guard !isDirectory.boolValue else { throw fail("cannot read the manifest: it is a folder") }
        let target = url.resolvingSymlinksInPath().path
        if let type = (try? FileManager.default.attributesOfItem(atPath: target))?[.type] as? FileAttributeType,
            type != .typeRegular
        {
            throw fail("cannot read the manifest: it is not a regular file (a device, pipe or socket); give the path of a YAML or JSON file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("cannot read the manifest: permission denied")
        }
        let directory = url.standardizedFileURL.deletingLastPathComponent().path
        return try parse(bytes: [UInt8](data), file: path, json: url.pathExtension.lowercased() == "json", directory: directory)
    }

    /// Parses manifest text; `file` names it in messages and its folder is where relative
    /// `empirical` files are read from.
    public static func parse(text: String, file: String, json: Bool) throws(ManifestProblems) -> Manifest {
        try parse(bytes: Array(text.utf8), file: file, json: json)
    }

    /// Parses the raw bytes of a manifest file (checked for size and UTF-8 first, as `load`
    /// does); `file` names it in messages and its folder is where relative `empirical` files are
    /// read from.
    public static func parse(bytes: [UInt8], file: String, json: Bool) throws(ManifestProblems) -> Manifest {
        let directory = URL(fileURLWithPath: file.isEmpty ? "." : file).standardizedFileURL.deletingLastPathComponent().path
        return try parse(bytes: bytes, file: file, json: json, directory: directory)
    }

    static func parse(bytes: [UInt8], file: String, json: Bool, directory: String) throws(ManifestProblems) -> Manifest {
        var problems = ProblemList()
        let fatal = { (mark: SourceMark?, message: String) in
            ManifestProblems(errors: [ManifestError(file: file, mark: mark, message: message)])
        }
        guard bytes.count <= maxBytes else { throw fatal(nil, "the manifest is \(bytes.count) bytes; at most \(maxBytes) are read") }
        if let bad = TextPosition.firstInvalidUTF8(bytes) {
            let hex = String(bytes[bad], radix: 16, uppercase: true)
            throw fatal(TextPosition.mark(ofByte: bad, in: bytes),
                        "the manifest is not UTF-8 text (byte 0x\(hex.count == 1 ? "0" : "")\(hex)); is it a binary file?")
        }
        guard bytes.contains(where: { !(" \t\r\n".utf8.contains($0)) }) else { throw fatal(nil, "the manifest is empty") }
        if json, let problem = JSONSyntax.check(bytes) { throw fatal(problem.mark, problem.message) }

        let document: ManifestComposer.Document
        do {
            document = try ManifestComposer.compose(bytes)
        } catch {
            throw fatal(error.mark, error.message)
        }
        problems.append(contentsOf: document.problems)
        let (root, warnings) = DeprecatedKeys.apply(document.root, file: file)
        guard root.entries != nil else {
            throw fatal(root.mark, "the manifest must be a map of keys such as 'seed' and 'replications'; got \(root.kindDescription)")
        }

        var validator = SchemaValidator()
        var top = validator.check(root, ManifestSchema.manifest, path: "")
        problems.append(contentsOf: validator.problems)

        // Checked as written (messages name files as the user did), kept with absolute file paths.
        var base = top["base"] ?? ConfigNode(.map([]))
        var baseIsValid = false
        if case .failure(let found) = ModelDecoder.decode(base: base, overrides: [], directory: directory) {
            problems.append(contentsOf: found)
        } else {
            baseIsValid = true
        }
        if let value = base["value"] {
            _ = SchemaPaths.set(EmpiricalPaths.absoluteValue(value, directory: directory), at: [.key("value")], in: &base)
        }

        let classes = base["buyers"]?.list?.compactMap { $0["name"]?.string } ?? []
        let metrics = checkMetrics(top["outputs"]?["metrics"], classes: classes, problems: &problems)

        var sweepParser = SweepDesignParser(base: base, directory: directory, checkValues: baseIsValid)
        sweepParser.expandLimit = SweepDesignParser.checkedStepsLimit
        var (sweep, canonicalSweep) = sweepParser.parse(top["sweep"])
        problems.append(contentsOf: sweepParser.problems)

        if let node = top["seed"], let mark = node.mark, let exact = document.exactIntegers[mark], exact > 1 << 63 {
            problems.add("seed must be an integer from 0 to 9223372036854775808; got \(exact)", at: mark)
        }
        if problems.isEmpty && !sweepParser.truncated.isEmpty {
            // Every value was checked above; now the long {from, to, steps} axes in full.
            var full = SweepDesignParser(base: base, directory: directory, checkValues: false)
            (sweep, canonicalSweep) = full.parse(top["sweep"])
            problems.append(contentsOf: full.problems)
        }
        ResearchOutputsParser.checkSaltelliPoints(sweep, sweepNode: top["sweep"], problems: &problems)
        let differences = ResearchOutputsParser.differences(top["outputs"]?["differences"], sweep: sweep, problems: &problems)
        let sensitivity = ResearchOutputsParser.sensitivity(
            top["outputs"]?["sensitivity"], sweep: sweep, sweepNode: top["sweep"], classes: classes, problems: &problems)
        let precision = PrecisionParser.parse(
            top["precision"], top: top, classes: classes, differences: differences != nil, problems: &problems)
        guard problems.isEmpty else { throw problems.problems(file: file) }
        guard case .success(let baseParameters) = ModelDecoder.decode(base: base, overrides: [], directory: directory) else {
            throw fatal(nil, "the base cannot be decoded once its files are named by absolute paths")
        }

        let replications = integer(top["replications"], 1)
        let seed = top["seed"].flatMap { node in node.mark.flatMap { document.exactIntegers[$0] } ?? node.number.map { UInt64($0) } } ?? 0
        let name = top["name"]?.string ?? defaultName(file)
        let shardSize = top["shard_size"].map { integer($0, 100) } ?? min(replications, 100)
        let outputs = top["outputs"]
        let spec = OutputSpec(
            metrics: metrics,
            quantiles: outputs?["quantiles"]?.list?.compactMap(\.number) ?? ManifestSchema.defaultQuantiles,
            histogramBins: integer(outputs?["histogram"]?["bins"], 64),
            histogramWrite: outputs?["histogram"]?["write"]?.string.flatMap(HistogramWrite.init(rawValue:)) ?? .auto,
            differences: differences, sensitivity: sensitivity)

        top = ConfigNode(.map(ManifestSchema.manifestOrder.compactMap { key -> ConfigEntry? in
            switch key {
            case "name": return ConfigEntry(key: key, value: ConfigNode(.string(name)))
            case "shard_size": return ConfigEntry(key: key, value: ConfigNode(.number(Double(shardSize))))
            case "base": return ConfigEntry(key: key, value: base)
            case "sweep": return canonicalSweep.map { ConfigEntry(key: key, value: $0) }
            default: return top[key].map { ConfigEntry(key: key, value: $0) }
            }
        }))
        let canonical = canonicalText(top, seed: seed)
        let settings = SweepSettings(
            name: name, seed: seed, replications: replications, slots: integer(top["slots"], 7200),
            commonRandomNumbers: top["common_random_numbers"]?.bool ?? true, shardSize: shardSize, outputs: spec, precision: precision,
            manifestText: canonical, digest: SHA256.hexDigest(of: canonical), baseParameters: baseParameters)
        return Manifest(file: file, directory: directory, settings: settings, base: base, sweep: sweep, warnings: warnings)
    }

    /// The canonical text: the seed written with all its digits, the rest by `CanonicalYAML`.
    private static func canonicalText(_ top: ConfigNode, seed: UInt64) -> String {
        var text = ""
        for entry in top.entries ?? [] {
            if entry.key == "seed" {
                text += "seed: \(seed)\n"
            } else {
                text += CanonicalYAML.document(ConfigNode(.map([entry])))
            }
        }
        return text
    }

    /// `outputs.metrics`: `nil` for all, else the names, each known and listed once.
    private static func checkMetrics(_ node: ConfigNode?, classes: [String], problems: inout ProblemList) -> [String]? {
        guard let items = node?.list else { return nil }
        let known = ManifestSchema.metricNames(buyerClasses: classes)
        var seen = Set<String>()
        var names: [String] = []
        for item in items {
            guard let name = item.string else { continue }
            if !known.contains(name) {
                problems.add("unknown metric '\(name)' in outputs.metrics\(Wording.hint(for: name, among: known))", at: item.mark)
            } else if !seen.insert(name).inserted {
                problems.add("outputs.metrics lists '\(name)' twice", at: item.mark)
            } else {
                names.append(name)
            }
        }
        return names
    }

    /// The file's name without extension, with characters other than letters, digits, `.`, `_`, `-` as `-`.
    static func defaultName(_ file: String) -> String {
        let stem = URL(fileURLWithPath: file.isEmpty ? "manifest" : file).deletingPathExtension().lastPathComponent
        let cleaned = String(stem.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "manifest" : cleaned
    }

    private static func integer(_ node: ConfigNode?, _ fallback: Int) -> Int {
        guard let x = node?.number, x.isFinite, abs(x) < 9e15, let n = Int(exactly: x) else { return fallback }
        return n
    }
}

/// JSON syntax is checked with `JSONSerialization` first, for JSON's own messages; the tree (with
/// positions) then comes from the YAML composer, as JSON is YAML flow syntax.
enum JSONSyntax {
    static func check(_ bytes: [UInt8]) -> (mark: SourceMark?, message: String)? {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            return (position(in: detail, bytes: bytes), "invalid JSON: \(detail)")
        }
        // Foundation's parser (swift-foundation) accepts a comma before `]` or `}`; JSON does not.
        if let (comma, closer) = trailingComma(bytes) {
            return (TextPosition.mark(ofByte: comma, in: bytes), "invalid JSON: a comma before '\(closer)'; JSON allows none, remove it")
        }
        return nil
    }

    /// The offset of the first comma (outside strings) followed, after white space, by `]` or
    /// `}`, and that bracket.
    static func trailingComma(_ bytes: [UInt8]) -> (offset: Int, closer: Character)? {
        var inString = false
        var escaped = false
        var comma: Int?
        for (i, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): continue
            case UInt8(ascii: ","): comma = i
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if let comma { return (comma, Character(UnicodeScalar(byte))) }
            case UInt8(ascii: "\""):
                inString = true
                comma = nil
            default: comma = nil
            }
        }
        return nil
    }

    /// `around line L, column C` or `around character N` in Foundation's messages.
    private static func position(in detail: String, bytes: [UInt8]) -> SourceMark? {
        func number(after marker: String, in text: Substring) -> Int? {
            guard let range = text.range(of: marker) else { return nil }
            return Int(text[range.upperBound...].prefix(while: \.isNumber))
        }
        let text = Substring(detail)
        if let line = number(after: "line ", in: text), let column = number(after: "column ", in: text) {
            return SourceMark(line: line, column: column)
        }
        if let offset = number(after: "character ", in: text) {
            return TextPosition.mark(ofByte: offset, in: bytes)
        }
        return nil
    }
}
