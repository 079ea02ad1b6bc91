import TicketModel

/// The bridge from the model's parameter declarations (`ParameterSpec`, in TicketModel) to the
/// manifest's schema, and from checked manifest maps back to the model's decoding initialisers.
extension Field {
    /// The schema field of a model parameter, with its declared type, range, default and doc.
    init(_ spec: ParameterSpec) {
        self.init(spec.name, SchemaType(spec.kind), Presence(spec.presence), spec.doc)
    }
}

extension SchemaType {
    init(_ kind: ParameterSpec.Kind) {
        switch kind {
        case .number(let range): self = .number(range)
        case .integer(let low, let high): self = .integer(low: low, high: high)
        case .choice(let names): self = .choice(names)
        case .numberOrChoice(let range, let names): self = .numberOrChoice(range, names)
        case .choiceOrMap(let names, let specs): self = .choiceOrObject(names, ObjectSchema(fields: specs.map(Field.init)))
        case .exactlyOne(let specs): self = .exactlyOne(specs.map(Field.init))
        case .text(.any): self = .string(.any)
        case .text(.name): self = .string(.name)
        case .numberList(let range): self = .list(ListSchema(element: .number(range)))
        case .flag: self = .bool
        }
    }
}

extension Presence {
    init(_ presence: ParameterSpec.Presence) {
        switch presence {
        case .required: self = .required
        case .optional: self = .optional
        case .defaulted(let value): self = .defaulted(ConfigValue(value))
        }
    }
}

extension ConfigValue {
    /// A declared default as a manifest value (without a position: it was filled in).
    init(_ value: ParameterDefault) {
        switch value {
        case .number(let x): self = .number(x)
        case .string(let s): self = .string(s)
        case .flag(let b): self = .bool(b)
        case .map(let entries): self = .map(entries.map { ConfigEntry(key: $0.key, value: ConfigNode(ConfigValue($0.value))) })
        }
    }
}

/// A checked manifest map, read by a model type's `init(values:)`.
struct ConfigValues: ParameterValues {
    let node: ConfigNode

    func number(_ key: String) -> Double? { node[key]?.number }
    func string(_ key: String) -> String? { node[key]?.string }
    func flag(_ key: String) -> Bool? { node[key]?.bool }
    func has(_ key: String) -> Bool { node[key] != nil }
    func map(_ key: String) -> ConfigValues? { node[key].map(ConfigValues.init) }
}
