/// A 1-based position in a manifest (line and column, columns counted in Unicode scalars).
public struct SourceMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceMark, b: SourceMark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One value of a manifest with where it was written (`mark` is `nil` for filled-in defaults
/// and for values the program made, such as the steps of a `{from, to, steps}` axis).
public struct ConfigNode: Sendable, Hashable {
    public var value: ConfigValue
    public var mark: SourceMark?

    public init(value: ConfigValue, mark: SourceMark? = nil) {
        self.value = value
        self.mark = mark
    }

    public init(_ value: ConfigValue, mark: SourceMark? = nil) {
        self.init(value: value, mark: mark)
    }
}

/// The data model of a manifest: JSON's, with every number a `Double`.
///
/// Maps keep their keys in order; the composer has already rejected duplicate keys.
public enum ConfigValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([ConfigNode])
    case map([ConfigEntry])
}

/// One key of a map, with the position of the key itself.
public struct ConfigEntry: Sendable, Hashable {
    public var key: String
    public var keyMark: SourceMark?
    public var value: ConfigNode

    public init(key: String, keyMark: SourceMark? = nil, value: ConfigNode) {
        self.key = key
        self.keyMark = keyMark
        self.value = value
    }
}

extension ConfigNode {
    // Plain switch statements: `if case` expressions here crash the Swift 6.3.1 optimiser
    // (CopyPropagation ownership error) in the functions they are inlined into.
    public var number: Double? {
        switch value {
        case .number(let x): return x
        default: return nil
        }
    }
    public var string: String? {
        switch value {
        case .string(let s): return s
        default: return nil
        }
    }
    public var bool: Bool? {
        switch value {
        case .bool(let b): return b
        default: return nil
        }
    }
    public var list: [ConfigNode]? {
        switch value {
        case .list(let l): return l
        default: return nil
        }
    }
    public var entries: [ConfigEntry]? {
        switch value {
        case .map(let m): return m
        default: return nil
        }
    }
    public var isNull: Bool { value == .null }

    /// The value under `key` when this node is a map.
    public subscript(key: String) -> ConfigNode? {
        guard case .map(let entries) = value else { return nil }
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }

    /// A description of the node's kind and value for messages: `the string 'eight'`, `2.5`, `a map`.
    public var kindDescription: String {
        switch value {
        case .null: "nothing (null)"
        case .bool(let b): b ? "true" : "false"
        case .number(let x): ScalarText.number(x)
        case .string(let s): "the string '\(s.count > 60 ? s.prefix(57) + "..." : s)'"
        case .list: "a list"
        case .map: "a map"
        }
    }
}

extension ConfigValue {
    /// A map from `(key, value)` pairs without marks.
    static func object(_ pairs: [(String, ConfigValue)]) -> ConfigValue {
        .map(pairs.map { ConfigEntry(key: $0.0, value: ConfigNode($0.1)) })
    }
}

extension ConfigValue: CustomStringConvertible {
    /// Compact flow text, as in axis labels: `{mechanism: fixed, price: 0.1}`.
    public var description: String { CanonicalYAML.flow(ConfigNode(self)) }
}
