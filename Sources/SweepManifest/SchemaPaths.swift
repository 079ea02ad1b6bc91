/// Parameter paths resolved against the model schema and a concrete base tree.
enum SchemaPaths {
    /// A step into a concrete tree.
    enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    struct Resolved {
        /// The schema of the value at the path.
        var type: SchemaType
        /// Where the value is in the tree (class names resolved to indices).
        var steps: [Step]
        /// The path ends at the key that picks a variant (`pricing.mechanism`).
        var endsAtTag = false
        /// The path selects a whole named list, one of its elements, or an element's name.
        var touchesNames = false
    }

    /// Resolves `path` in the model schema, choosing variants and classes from `base`.
    /// The failure is a message such as `'pricing.quotient' names no parameter: ...`.
    static func resolve(_ path: ParameterPath, in base: ConfigNode) -> Result<Resolved, PathProblem> {
        var type = ManifestSchema.model
        var node: ConfigNode? = base
        var resolved = Resolved(type: type, steps: [])
        var here = ""
        // The name key of the list the previous component selected an element from.
        var elementNameKey: String?
        func fail(_ why: String) -> Result<Resolved, PathProblem> {
            .failure(PathProblem(message: "'\(path)' names no parameter: \(why)"))
        }
        for component in path.components {
            let container = here.isEmpty ? "base" : here
            switch component {
            case .key(let key):
                resolved.endsAtTag = false
                resolved.touchesNames = false
                switch type {
                case .object(let schema):
                    guard let field = schema.fields.first(where: { $0.name == key }) else {
                        return fail("\(container) has no key '\(key)'\(Wording.hint(for: key, among: schema.fields.map(\.name)))")
                    }
                    type = field.type
                case .tagged(let schema):
                    if key == schema.tagKey {
                        type = .choice(schema.variants.map(\.name))
                        resolved.endsAtTag = true
                        break
                    }
                    let name = node?[schema.tagKey]?.string ?? schema.defaultVariant
                    let fields = (schema.variant(name)?.fields ?? []) + schema.common
                    if let field = fields.first(where: { $0.name == key }) {
                        type = field.type
                        break
                    }
                    let owners = schema.variants.filter { $0.fields.contains { $0.name == key } }.map(\.name)
                    if !owners.isEmpty {
                        return fail("\(container) \(schema.tagKey) '\(name)' has no key '\(key)' (\(Wording.alternatives(owners, joiner: "and")) \(owners.count == 1 ? "has" : "have") it)")
                    }
                    return fail("\(container) has no key '\(key)'\(Wording.hint(for: key, among: [schema.tagKey] + fields.map(\.name)))")
                case .exactlyOne(let fields):
                    guard let field = fields.first(where: { $0.name == key }) else {
                        return fail("\(container) has no key '\(key)'\(Wording.hint(for: key, among: fields.map(\.name)))")
                    }
                    if let node, node[key] == nil {
                        let set = fields.map(\.name).filter { node[$0] != nil }
                        return fail("\(container) sets \(Wording.alternatives(set)), not '\(key)'; sweep '\(container)' with whole maps to change that")
                    }
                    type = field.type
                case .list(let schema):
                    if schema.nameKey != nil {
                        return fail("\(container) is a list; select a class with [name] or [index], as in '\(container)[\(node?.list?.first?[schema.nameKey!]?.string ?? "0")].\(key)'")
                    }
                    return fail("\(container) is a list, not a map")
                default:
                    return fail("\(container) is a single value, not a map")
                }
                if let nameKey = elementNameKey, key == nameKey { resolved.touchesNames = true }
                elementNameKey = nil
                resolved.steps.append(.key(key))
                node = node?[key]
            case .name(let name):
                guard case .list(let schema) = type, let nameKey = schema.nameKey else {
                    return fail("\(container) is not a list of named classes")
                }
                let items = node?.list ?? []
                guard let index = items.firstIndex(where: { $0[nameKey]?.string == name }) else {
                    let names = items.compactMap { $0[nameKey]?.string }
                    return fail("no class named '\(name)' in \(container) (classes: \(names.joined(separator: ", ")))")
                }
                type = schema.element
                resolved.steps.append(.index(index))
                resolved.touchesNames = true
                elementNameKey = nameKey
                node = items[index]
            case .index(let index):
                guard case .list(let schema) = type else { return fail("\(container) is not a list") }
                let items = node?.list ?? []
                guard index < items.count else {
                    return fail("\(container) has \(items.count) \(items.count == 1 ? "entry" : "entries"); index \(index) is out of range")
                }
                type = schema.element
                resolved.steps.append(.index(index))
                resolved.touchesNames = schema.nameKey != nil
                elementNameKey = schema.nameKey
                node = items[index]
            }
            here = extend(here, component)
        }
        if case .list(let schema) = type, schema.nameKey != nil { resolved.touchesNames = true }
        resolved.type = type
        return .success(resolved)
    }

    /// Replaces (or inserts) the value at `steps`; `false` if the tree has no such place.
    static func set(_ value: ConfigNode, at steps: ArraySlice<Step>, in tree: inout ConfigNode) -> Bool {
        guard let step = steps.first else {
            tree = value
            return true
        }
        switch (step, tree.value) {
        case (.key(let key), .map(var entries)):
            if let i = entries.firstIndex(where: { $0.key == key }) {
                guard set(value, at: steps.dropFirst(), in: &entries[i].value) else { return false }
            } else {
                guard steps.count == 1 else { return false }
                entries.append(ConfigEntry(key: key, value: value))
            }
            tree.value = .map(entries)
            return true
        case (.index(let index), .list(var items)):
            guard index < items.count, set(value, at: steps.dropFirst(), in: &items[index]) else { return false }
            tree.value = .list(items)
            return true
        default:
            return false
        }
    }

    private static func extend(_ text: String, _ component: ParameterPath.Component) -> String {
        switch component {
        case .key(let key): text.isEmpty ? key : "\(text).\(key)"
        case .name(let name): "\(text)[\(name)]"
        case .index(let index): "\(text)[\(index)]"
        }
    }
}

struct PathProblem: Error {
    var message: String
}
