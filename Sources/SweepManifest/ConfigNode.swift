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
    public var number: Double? { if case .number(let x) = value { x } else { nil } }
    public var string: String? { if case .string(let s) = value { s } else { nil } }
    public var bool: Bool? { if case .bool(let b) = value { b } else { nil } }
    public var list: [ConfigNode]? { if case .list(let l) = value { l } else { nil } }
    public var entries: [ConfigEntry]? { if case .map(let m) = value { m } else { nil } }
    public var isNull: Bool { value == .null }

    /// The value under `key` when this node is a map.
    public subscript(key: String) -> ConfigNode? {
        entries?.first(where: { $0.key == key })?.value
    }

    /// A description of the node's kind and value for messages: `the string 'eight'`, `2.5`, `a map`.
    public var kindDescription: String {
        switch value {
        case .null: "nothing (null)"
        case .bool(let b): b ? "true" : "false"
        case .number(let x): ScalarText.number(x)
        case .string(let s): "the string '\(s)'"
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
