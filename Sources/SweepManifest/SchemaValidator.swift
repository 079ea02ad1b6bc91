import TicketModel

/// Checks a `ConfigNode` tree against a `SchemaType` and fills in defaults.
///
/// Every problem is recorded (the walk never stops early); the result is the tree with defaults
/// filled, keys in schema order and unknown keys left out. Paths in messages are relative to
/// `base` for model parameters (`pricing.quotient`), as sweeps name them.
struct SchemaValidator {
    var problems = ProblemList()
    /// The nearest position at or above the node being checked: values made by the program (an
    /// override map built in code, filled-in defaults) are reported where their parent is.
    private var nearest: SourceMark?

    /// - Parameters:
    ///   - path: the node's path for messages (`""` at the root).
    ///   - label: how to call the node in messages when its path is empty (`the manifest`, `base`).
    mutating func check(_ node: ConfigNode, _ type: SchemaType, path: String, label: String? = nil) -> ConfigNode {
        let outer = nearest
        nearest = node.mark ?? outer
        defer { nearest = outer }
        let name = path.isEmpty ? (label ?? "the manifest") : path
        switch type {
        case .number(let bounds):
            guard case .number(let x) = node.value, x.isFinite || (bounds.allowsInfinity && x == .infinity), bounds.contains(x) else {
                let what = node.number.map { $0.isFinite || bounds.allowsInfinity ? "a number" : "a finite number" } ?? "a number"
                return fail(node, name, what + (bounds.text.isEmpty ? "" : " \(bounds.text)"))
            }
            return node
        case .integer(let low, let high):
            guard case .number(let x) = node.value, x.isFinite, x == x.rounded(.towardZero), x >= low, x <= high else {
                return fail(node, name, "an integer from \(ScalarText.bound(low)) to \(ScalarText.bound(high))")
            }
            return node
        case .bool:
            guard case .bool = node.value else { return fail(node, name, "true or false") }
            return node
        case .string(let rule):
            let valid: Bool
            switch (rule, node.value) {
            case (.any, .string): valid = true
            case (.name, .string(let s)): valid = !s.isEmpty && s.allSatisfy(ParameterPath.isNameCharacter)
            case (.fileName, .string(let s)):
                // At most 255 bytes: it names a folder.
                valid = !s.isEmpty && s.utf8.count <= 255 && s != "." && s != ".."
                    && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
            default: valid = false
            }
            guard valid else {
                switch rule {
                case .any: return fail(node, name, "a string")
                case .name: return fail(node, name, "a name of letters, digits, '_' and '-'")
                case .fileName: return fail(node, name, "a name of at most 255 letters, digits, '.', '_' and '-'")
                }
            }
            return node
        case .choiceOrObject(let options, let schema):
            if case .string(let s) = node.value, options.contains(s) { return node }
            guard let entries = node.entries else {
                return fail(node, name, Wording.alternatives(options) + " or a map of " + Wording.alternatives(schema.fields.map(\.name), joiner: "and"))
            }
            return ConfigNode(.map(object(entries, schema.fields, schema.checks, mark: node.mark, path: path, name: name)), mark: node.mark)
        case .numberOrChoice(let bounds, let options):
            if case .string(let s) = node.value, options.contains(s) { return node }
            guard case .number(let x) = node.value, x.isFinite, bounds.contains(x) else {
                let number = "a number" + (bounds.text.isEmpty ? "" : " \(bounds.text)")
                return fail(node, name, number + " or " + Wording.alternatives(options))
            }
            return node
        case .choice(let options):
            guard case .string(let s) = node.value, options.contains(s) else {
                let hint = node.string.flatMap { Wording.suggestion(for: $0, among: options) }.map { "; did you mean '\($0)'?" } ?? ""
                return fail(node, name, "one of \(Wording.alternatives(options))", hint: hint)
            }
            return node
        case .object(let schema):
            guard let entries = node.entries else { return fail(node, name, "a map") }
            return ConfigNode(.map(object(entries, schema.fields, schema.checks, mark: node.mark, path: path, name: name)), mark: node.mark)
        case .tagged(let schema):
            guard let entries = node.entries else { return fail(node, name, "a map") }
            return tagged(entries, schema, mark: node.mark, path: path, name: name)
        case .exactlyOne(let fields):
            guard let entries = node.entries else { return fail(node, name, "a map") }
            let keys = fields.map(\.name)
            let present = entries.filter { keys.contains($0.key) }
            if present.count != 1 {
                problems.add("\(name) must have \(present.isEmpty ? "one" : "only one") of \(Wording.alternatives(keys))", at: present.last?.keyMark ?? nearest)
            }
            let given = Set(present.map(\.key))
            let active = fields.filter { given.contains($0.name) }
            return ConfigNode(.map(object(entries, active, [], mark: node.mark, path: path, name: name, known: keys)), mark: node.mark)
        case .list(let schema):
            return list(node, schema, path: path, name: name)
        case .allOrNames:
            if node.string == "all" { return node }
            guard let items = node.list, !items.isEmpty, items.allSatisfy({ $0.string != nil }) else {
                return fail(node, name, "'all' or a non-empty list of names")
            }
            return node
        case .pathMap:
            guard node.entries != nil else { return fail(node, name, "a map of parameter paths") }
            return node
        case .pointOrPathMap:
            if node.entries != nil { return node }
            guard let x = node.number, x >= 0, x == x.rounded(), x < 9e15 else {
                return fail(node, name, "a point number (a whole number >= 0) or a map of parameter paths")
            }
            return node
        }
    }

    private mutating func fail(_ node: ConfigNode, _ name: String, _ requirement: String, hint: String = "") -> ConfigNode {
        problems.add("\(name) must be \(requirement); got \(node.kindDescription)\(hint)", at: node.mark ?? nearest)
        return node
    }

    /// Fields of one map: unknown keys, required and defaulted fields, then the cross checks.
    private mutating func object(
        _ entries: [ConfigEntry], _ fields: [Field], _ checks: [CrossCheck], mark: SourceMark?, path: String, name: String,
        known: [String]? = nil, elsewhere: (String) -> String? = { _ in nil }
    ) -> [ConfigEntry] {
        let valid = known ?? fields.map(\.name)
        for entry in entries where !valid.contains(entry.key) {
            if let other = elsewhere(entry.key) {
                problems.add(other, at: entry.keyMark ?? nearest)
            } else if let removed = ModelParameters.removedParameters.first(where: { $0.key == entry.key }) {
                problems.add(removed.reason, at: entry.keyMark ?? nearest)
            } else {
                let place = path.isEmpty ? (name == "the manifest" ? "at the top level" : "in \(name)") : "in \(path)"
                problems.add("unknown key '\(entry.key)' \(place)\(Wording.hint(for: entry.key, among: valid))", at: entry.keyMark ?? nearest)
            }
        }
        var filled: [ConfigEntry] = []
        for field in fields {
            let entry = entries.first { $0.key == field.name }
            let childPath = field.startsPaths ? "" : Wording.join(path, field.name)
            if let entry, !(entry.value.isNull && field.presence.allowsNull) {
                let node = check(entry.value, field.type, path: childPath, label: field.name)
                filled.append(ConfigEntry(key: field.name, keyMark: entry.keyMark, value: node))
                continue
            }
            switch field.presence {
            case .required:
                problems.add("missing key '\(field.name)' \(path.isEmpty && name == "the manifest" ? "at the top level" : "in \(name)")", at: mark ?? nearest)
            case .optional, .computed:
                break
            case .defaulted(let value):
                let node = check(ConfigNode(value), field.type, path: childPath, label: field.name)
                filled.append(ConfigEntry(key: field.name, keyMark: nil, value: node))
            }
        }
        let byKey = Dictionary(filled.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        for rule in checks {
            guard let message = rule.test(path, byKey) else { continue }
            let marks = rule.keys.compactMap { byKey[$0]?.mark }
            problems.add(message, at: marks.max() ?? mark ?? nearest)
        }
        return filled
    }

    private mutating func tagged(_ entries: [ConfigEntry], _ schema: TaggedSchema, mark: SourceMark?, path: String, name: String) -> ConfigNode {
        let tagEntry = entries.first { $0.key == schema.tagKey }
        let tagName = tagEntry?.value.string ?? schema.defaultVariant
        let tagPath = Wording.join(path, schema.tagKey)
        guard let variant = schema.variant(tagName), tagEntry.map({ $0.value.string != nil }) ?? true else {
            _ = check(tagEntry!.value, .choice(schema.variants.map(\.name)), path: tagPath)
            return ConfigNode(.map(entries), mark: mark)
        }
        let fields = variant.fields + schema.common
        let known = [schema.tagKey] + fields.map(\.name)
        let elsewhere: (String) -> String? = { key in
            let owners = schema.variants.filter { $0.fields.contains { $0.name == key } }.map(\.name)
            guard !owners.isEmpty else { return nil }
            return "\(name) \(schema.tagKey) '\(variant.name)' has no key '\(key)' (\(Wording.alternatives(owners, joiner: "and")) \(owners.count == 1 ? "has" : "have") it)"
        }
        var filled = [ConfigEntry(key: schema.tagKey, keyMark: tagEntry?.keyMark, value: tagEntry?.value ?? ConfigNode(.string(tagName)))]
        filled += object(entries, fields, variant.checks, mark: mark, path: path, name: name, known: known, elsewhere: elsewhere)
        return ConfigNode(.map(filled), mark: mark)
    }

    private mutating func list(_ node: ConfigNode, _ schema: ListSchema, path: String, name: String) -> ConfigNode {
        guard let items = node.list else { return fail(node, name, "a list") }
        if items.count < schema.minCount {
            problems.add("\(name) must have at least \(schema.minCount) \(schema.minCount == 1 ? "entry" : "entries")", at: nearest)
        }
        var seen: [String: SourceMark?] = [:]
        var checked: [ConfigNode] = []
        for (index, item) in items.enumerated() {
            var label = "\(path)[\(index)]"
            if let key = schema.nameKey, let itemName = item[key]?.string,
               !itemName.isEmpty, itemName.allSatisfy(ParameterPath.isNameCharacter) {
                if let first = seen[itemName] {
                    let at = first.map { " (first at line \($0.line), column \($0.column))" } ?? ""
                    problems.add("\(name) has two classes named '\(itemName)'\(at); names must be unique", at: item[key]?.mark ?? item.mark ?? nearest)
                } else {
                    seen[itemName] = item[key]?.mark
                    label = "\(path)[\(itemName)]"
                }
            }
            checked.append(check(item, schema.element, path: label))
        }
        if schema.distinctSorted {
            let numbers = checked.compactMap(\.number)
            var counts: [Double: Int] = [:]
            for (x, item) in zip(numbers, checked) {
                counts[x, default: 0] += 1
                if counts[x] == 2 { problems.add("\(name) lists \(ScalarText.number(x)) twice", at: item.mark ?? nearest) }
            }
            if numbers.count == checked.count {
                checked = zip(numbers, checked).sorted { $0.0 < $1.0 }.map(\.1)
            }
        }
        return ConfigNode(.list(checked), mark: node.mark)
    }
}

private extension Presence {
    /// `null` stands for "not given" only where a field may be left out without a default.
    var allowsNull: Bool {
        switch self {
        case .optional, .computed: true
        default: false
        }
    }
}
