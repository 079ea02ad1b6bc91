internal import CYaml

/// YAML (or JSON) text → `ConfigNode`, with bounded work.
///
/// Reads libyaml's event stream (the parser Yams is built on) rather than `Yams.compose`:
/// Yams 6.2.2 hashes every mapping key while composing, which is exponential for a key that is
/// an alias of a nested anchor chain, and stops at the first duplicate key. Here:
/// - the tree is built iteratively, one frame per open collection;
/// - every node counts against `nodeBudget`, an alias as the whole subtree it stands for, so an
///   alias bomb fails after at most `nodeBudget` steps; nesting deeper than `depthLimit` fails at once;
/// - a duplicate key, a key that is not a scalar or an unknown tag is a problem that does not
///   stop the walk, so that every one is reported.
struct ManifestComposer {
    static let nodeBudget = 100_000
    static let depthLimit = 64

    struct Document {
        var root: ConfigNode
        /// Plain integers above 2^53 with their exact value (for `seed`), by position.
        var exactIntegers: [SourceMark: UInt64]
        /// Problems that did not stop the walk.
        var problems: ProblemList
    }

    /// A problem after which nothing more can be read.
    struct Fatal: Error {
        var mark: SourceMark?
        var message: String
    }

    private struct Anchored {
        var node: ConfigNode
        var size: Int
        var height: Int
        var text: String?
    }

    private struct Frame {
        var isMap: Bool
        var mark: SourceMark
        var anchor: String?
        var items: [ConfigNode] = []
        var entries: [ConfigEntry] = []
        var seen: [String: SourceMark] = [:]
        var pendingKey: (text: String?, mark: SourceMark)?
        var size = 1
        var height = 1
    }

    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var total = 0
    private var aliasesUsed = false
    private var root: ConfigNode?
    private var exactIntegers: [SourceMark: UInt64] = [:]
    private var problems = ProblemList()

    /// Composes the single document of `bytes` (UTF-8, already validated).
    static func compose(_ bytes: [UInt8]) throws(Fatal) -> Document {
        var composer = ManifestComposer()
        try composer.run(bytes)
        guard let root = composer.root else { throw Fatal(mark: nil, message: "the manifest is empty") }
        return Document(root: root, exactIntegers: composer.exactIntegers, problems: composer.problems)
    }

    private mutating func run(_ bytes: [UInt8]) throws(Fatal) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw Fatal(mark: nil, message: "out of memory") }
        defer { yaml_parser_delete(parser) }
        let input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { input.deallocate() }
        _ = input.initialize(from: bytes)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)

        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw ManifestComposer.syntaxError(parser.pointee, bytes: bytes)
            }
            let type = event.type
            let mark = ManifestComposer.mark(event.start_mark)
            do throws(Fatal) {
                switch type {
                case YAML_STREAM_END_EVENT:
                    yaml_event_delete(&event)
                    return
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw Fatal(mark: mark, message: "a manifest is one YAML document; found a second one here")
                    }
                case YAML_SCALAR_EVENT: try scalar(event, mark: mark)
                case YAML_ALIAS_EVENT: try alias(event, mark: mark)
                case YAML_SEQUENCE_START_EVENT:
                    try open(isMap: false, mark: mark, anchor: ManifestComposer.text(event.data.sequence_start.anchor),
                             tag: ManifestComposer.text(event.data.sequence_start.tag))
                case YAML_MAPPING_START_EVENT:
                    try open(isMap: true, mark: mark, anchor: ManifestComposer.text(event.data.mapping_start.anchor),
                             tag: ManifestComposer.text(event.data.mapping_start.tag))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: try close()
                default: break
                }
            } catch {
                yaml_event_delete(&event)
                throw error
            }
            yaml_event_delete(&event)
        }
    }

    private mutating func count(_ size: Int, height: Int, at mark: SourceMark) throws(Fatal) {
        total += size
        if total > ManifestComposer.nodeBudget {
            throw Fatal(mark: mark, message: aliasesUsed
                ? "the manifest expands to more than \(ManifestComposer.nodeBudget) values (aliases count as copies); it looks like an alias bomb"
                : "the manifest has more than \(ManifestComposer.nodeBudget) values; a sweep of many values is written {from, to, steps} or as a sample")
        }
        if stack.count + height > ManifestComposer.depthLimit {
            throw Fatal(mark: mark, message: "the manifest nests deeper than \(ManifestComposer.depthLimit) levels")
        }
    }

    private mutating func open(isMap: Bool, mark: SourceMark, anchor: String?, tag: String?) throws(Fatal) {
        try count(1, height: 1, at: mark)
        let expected = isMap ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq"
        if let tag, tag != "!", tag != expected {
            problems.add("unsupported tag '\(tag)'; a manifest needs no tags", at: mark)
        }
        stack.append(Frame(isMap: isMap, mark: mark, anchor: anchor))
    }

    private mutating func close() throws(Fatal) {
        let frame = stack.removeLast()
        let node = ConfigNode(frame.isMap ? .map(frame.entries) : .list(frame.items), mark: frame.mark)
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(node: node, size: frame.size, height: frame.height, text: nil)
        }
        deliver(node, size: frame.size, height: frame.height, keyText: nil)
    }

    private mutating func scalar(_ event: yaml_event_t, mark: SourceMark) throws(Fatal) {
        try count(1, height: 0, at: mark)
        let data = event.data.scalar
        let text = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) } ?? ""
        let tag = ManifestComposer.text(data.tag)
        let plain = data.style == YAML_PLAIN_SCALAR_STYLE
        var value: ConfigValue
        switch tag {
        case nil: value = plain ? PlainScalar.resolve(text) : .string(text)
        case "!", "tag:yaml.org,2002:str": value = .string(text)
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            if let x = PlainScalar.number(text) { value = .number(x) } else {
                value = .string(text)
                problems.add("'\(text)' is not a number", at: mark)
            }
        case "tag:yaml.org,2002:bool":
            value = PlainScalar.resolve(text)
            if value.isBool == false {
                value = .string(text)
                problems.add("'\(text)' is not true or false", at: mark)
            }
        case "tag:yaml.org,2002:null": value = .null
        case let other?:
            value = plain ? PlainScalar.resolve(text) : .string(text)
            problems.add("unsupported tag '\(other)'; a manifest needs no tags", at: mark)
        }
        if case .number(let x) = value, x > 9_007_199_254_740_992, let exact = PlainScalar.exactUnsigned(text) {
            exactIntegers[mark] = exact
        }
        let node = ConfigNode(value, mark: mark)
        if let anchor = ManifestComposer.text(data.anchor) {
            anchors[anchor] = Anchored(node: node, size: 1, height: 0, text: text)
        }
        deliver(node, size: 1, height: 0, keyText: text)
    }

    private mutating func alias(_ event: yaml_event_t, mark: SourceMark) throws(Fatal) {
        let name = ManifestComposer.text(event.data.alias.anchor) ?? ""
        guard let target = anchors[name] else {
            throw Fatal(mark: mark, message: "alias '*\(name)' refers to no anchor '&\(name)' before it")
        }
        aliasesUsed = true
        try count(target.size, height: target.height, at: mark)
        var node = target.node
        node.mark = mark
        deliver(node, size: target.size, height: target.height, keyText: target.text)
    }

    /// Hands a finished node to the open collection (as a key or a value), or makes it the root.
    private mutating func deliver(_ node: ConfigNode, size: Int, height: Int, keyText: String?) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        stack[top].height = max(stack[top].height, height + 1)
        if !stack[top].isMap {
            stack[top].items.append(node)
            return
        }
        guard let pending = stack[top].pendingKey else {
            let mark = node.mark ?? stack[top].mark
            if keyText == nil {
                problems.add("a key must be a name, not \(node.kindDescription)", at: mark)
            }
            stack[top].pendingKey = (keyText, mark)
            return
        }
        stack[top].pendingKey = nil
        guard let key = pending.text else { return }
        if let first = stack[top].seen[key] {
            problems.add("duplicate key '\(key)' (first at line \(first.line), column \(first.column))", at: pending.mark)
            return
        }
        stack[top].seen[key] = pending.mark
        stack[top].entries.append(ConfigEntry(key: key, keyMark: pending.mark, value: node))
    }

    private static func mark(_ m: yaml_mark_t) -> SourceMark {
        SourceMark(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func syntaxError(_ parser: yaml_parser_t, bytes: [UInt8]) -> Fatal {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return Fatal(mark: nil, message: "out of memory while reading the manifest")
        case YAML_READER_ERROR:
            let mark = TextPosition.mark(ofByte: Int(parser.problem_offset), in: bytes)
            var message = "the manifest is not YAML text: \(problem)"
            if parser.problem_value >= 0 {
                let hex = String(parser.problem_value, radix: 16, uppercase: true)
                message += " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex))"
            }
            return Fatal(mark: mark, message: message)
        default:
            if problem.hasPrefix("Maximum nesting level") {
                return Fatal(mark: mark(parser.problem_mark), message: "the manifest nests deeper than \(depthLimit) levels")
            }
            var message = "YAML syntax: \(problem)"
            if let context = parser.context.map({ String(cString: $0) }) {
                let c = mark(parser.context_mark)
                message += " (\(context) at line \(c.line), column \(c.column))"
            }
            return Fatal(mark: mark(parser.problem_mark), message: message)
        }
    }
}

private extension ConfigValue {
    var isBool: Bool { if case .bool = self { true } else { false } }
}

/// Positions of bytes in UTF-8 text.
enum TextPosition {
    /// The line and column (in Unicode scalars) of byte `offset`.
    static func mark(ofByte offset: Int, in bytes: [UInt8]) -> SourceMark {
        var line = 1
        var column = 1
        var previous: UInt8 = 0
        for byte in bytes.prefix(max(0, offset)) {
            if byte == 0x0A {
                if previous != 0x0D { line += 1 }
                column = 1
            } else if byte == 0x0D {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            previous = byte
        }
        return SourceMark(line: line, column: column)
    }

    /// The offset of the first byte that is not valid UTF-8, or `nil` for valid text.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        func continuation(_ j: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            j < n && bytes[j] >= low && bytes[j] <= high
        }
        while i < n {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = continuation(i + 1) ? 2 : 0
            case 0xE0: length = continuation(i + 1, 0xA0) && continuation(i + 2) ? 3 : 0
            case 0xED: length = continuation(i + 1, 0x80, 0x9F) && continuation(i + 2) ? 3 : 0
            case 0xE1...0xEF: length = continuation(i + 1) && continuation(i + 2) ? 3 : 0
            case 0xF0: length = continuation(i + 1, 0x90) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
            case 0xF1...0xF3: length = continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
            case 0xF4: length = continuation(i + 1, 0x80, 0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
            default: length = 0
            }
            if length == 0 { return i }
            i += length
        }
        return nil
    }
}
