/// A small deterministic YAML emitter for the canonical manifest and for axis labels.
///
/// Maps are written in block style in their stored key order, lists of scalars in flow style
/// (`[4, 8, 16]`), other lists as block sequences. Numbers use `NumberFormat.text` (shortest
/// round-trip), strings are plain when they read back as the same string and double-quoted
/// otherwise. What it writes parses back to the same tree (marks aside).
enum CanonicalYAML {
    /// A whole document, ending with a newline.
    static func document(_ node: ConfigNode) -> String {
        var lines: [String] = []
        switch node.value {
        case .map(let entries) where !entries.isEmpty: mapLines(entries, indent: 0, into: &lines)
        case .list(let items) where !items.isEmpty && !isFlowList(items): listLines(items, indent: 0, into: &lines)
        default: lines.append(flow(node))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Compact one-line text: `{mechanism: fixed, price: 0.1}`, `[1, 2]`, `0.1`, `fixed`.
    static func flow(_ node: ConfigNode) -> String {
        switch node.value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let x): ScalarText.number(x)
        case .string(let s): string(s, flow: true)
        case .list(let items): "[" + items.map(flow).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { "\(string($0.key, flow: true)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// CSV cell text of an axis value: strings as they are, everything else as `flow`.
    static func label(_ node: ConfigNode) -> String {
        if case .string(let s) = node.value { return s }
        return flow(node)
    }

    private static func isFlowList(_ items: [ConfigNode]) -> Bool {
        items.allSatisfy {
            switch $0.value {
            case .list, .map: false
            default: true
            }
        }
    }

    /// Whether a value goes on its key's line (`key: value`) rather than below it.
    private static func isInline(_ node: ConfigNode) -> Bool {
        switch node.value {
        case .map(let entries): entries.isEmpty
        case .list(let items): items.isEmpty || isFlowList(items)
        default: true
        }
    }

    private static func mapLines(_ entries: [ConfigEntry], indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for entry in entries {
            let key = string(entry.key, flow: false)
            if isInline(entry.value) {
                lines.append("\(pad)\(key): \(flow(entry.value))")
            } else if case .map(let inner) = entry.value.value {
                lines.append("\(pad)\(key):")
                mapLines(inner, indent: indent + 2, into: &lines)
            } else if case .list(let items) = entry.value.value {
                lines.append("\(pad)\(key):")
                listLines(items, indent: indent + 2, into: &lines)
            }
        }
    }

    private static func listLines(_ items: [ConfigNode], indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            if isInline(item) {
                lines.append("\(pad)- \(flow(item))")
                continue
            }
            var inner: [String] = []
            switch item.value {
            case .map(let entries): mapLines(entries, indent: indent + 2, into: &inner)
            case .list(let nested): listLines(nested, indent: indent + 2, into: &inner)
            default: break
            }
            guard let first = inner.first else { continue }
            lines.append("\(pad)- " + first.dropFirst(indent + 2))
            lines.append(contentsOf: inner.dropFirst())
        }
    }

    /// Plain when safe (reads back as this string, no indicator characters), else double-quoted.
    static func string(_ s: String, flow: Bool) -> String {
        if isPlainSafe(s, flow: flow) { return s }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else if scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + String(scalar.value, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Words that YAML 1.1 readers (PyYAML, Yams's default resolver) take for booleans: quoted,
    /// so that the canonical manifest means the same to them.
    private static let yaml11Words: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static func isPlainSafe(_ s: String, flow: Bool) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              first != " ", last != " ", PlainScalar.resolve(s) == .string(s), !yaml11Words.contains(s) else { return false }
        // A leading digit or dot could read as a number or a date to a YAML 1.1 reader.
        let firstOK = first.properties.isAlphabetic || first == "_" || first == "/"
        guard firstOK else { return false }
        return s.unicodeScalars.allSatisfy { c in
            c.isASCII
                ? (c.properties.isAlphabetic || ("0"..."9").contains(c) || "_.+/- ".unicodeScalars.contains(c)
                    || (!flow && (c == "[" || c == "]")))
                : c.properties.isAlphabetic
        }
    }
}
