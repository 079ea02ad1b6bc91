import TicketModel

/// The declarative description of a manifest that the validator, the defaults and the reference
/// document are all generated from (`ManifestSchema`).
indirect enum SchemaType: Sendable {
    /// A finite number within bounds.
    case number(NumberBounds)
    /// A whole number in `low...high` (bounds kept as `Double`, all exactly representable).
    case integer(low: Double, high: Double)
    case bool
    case string(StringRule)
    /// One of these strings.
    case choice([String])
    /// A finite number within bounds, or one of these strings.
    case numberOrChoice(NumberBounds, [String])
    /// One of these strings, or a map of these fields.
    case choiceOrObject([String], ObjectSchema)
    case object(ObjectSchema)
    /// A map whose `tagKey` picks the variant (and so the other keys).
    case tagged(TaggedSchema)
    /// A map with exactly one of these keys.
    case exactlyOne([Field])
    case list(ListSchema)
    /// `all`, or a non-empty list of distinct names (checked further by the loader).
    case allOrNames
    /// A map from parameter paths to anything, checked by `SweepDesignParser`.
    case pathMap
    /// A point number (a whole number >= 0) or a map of parameter paths, checked by the loader.
    case pointOrPathMap

    var isNumeric: Bool {
        switch self {
        case .number, .integer, .numberOrChoice: true
        default: false
        }
    }

    var isInteger: Bool { if case .integer = self { true } else { false } }
}

enum StringRule: Sendable {
    case any
    /// `[A-Za-z0-9_-]+`: buyer class names (they become column names and metric suffixes).
    case name
    /// `[A-Za-z0-9._-]+`: names that become folder names.
    case fileName
}

/// Bounds of a number (declared in TicketModel, beside the model's parameters).
typealias NumberBounds = NumberRange

extension NumberRange {
    /// `>= 0`, `> 0`, `in (0, 1)`, or empty.
    var text: String {
        switch (low, high) {
        case let (low?, high?):
            return "in \(lowInclusive ? "[" : "(")\(ScalarText.number(low)), \(ScalarText.number(high))\(highInclusive ? "]" : ")")"
        case let (low?, nil): return "\(lowInclusive ? ">=" : ">") \(ScalarText.number(low))" + (allowsInfinity ? " or .inf" : "")
        case let (nil, high?): return "\(highInclusive ? "<=" : "<") \(ScalarText.number(high))"
        case (nil, nil): return ""
        }
    }
}

/// Whether a field must be given, may be left out, or has a default.
enum Presence: Sendable {
    case required
    /// Absent (or `null`) means "not set"; the model decides.
    case optional
    case defaulted(ConfigValue)
    /// A default the loader computes; the text says how (for the reference).
    case computed(String)
}

struct Field: Sendable {
    var name: String
    var type: SchemaType
    var presence: Presence
    var doc: String
    /// Paths inside this field are named from it, without its own name (`pricing.quotient`,
    /// not `base.pricing.quotient`), as sweeps name them.
    var startsPaths = false

    init(_ name: String, _ type: SchemaType, _ presence: Presence, _ doc: String, startsPaths: Bool = false) {
        self.name = name
        self.type = type
        self.presence = presence
        self.doc = doc
        self.startsPaths = startsPaths
    }
}

/// A rule between fields of one map, checked after each field alone.
struct CrossCheck: Sendable {
    /// For the reference document.
    var doc: String
    /// The fields involved; the problem is reported at the last of them in the file.
    var keys: [String]
    /// A message when the rule is broken (given the map's path and its filled fields), else `nil`.
    var test: @Sendable (_ path: String, _ fields: [String: ConfigNode]) -> String?
}

struct ObjectSchema: Sendable {
    var fields: [Field]
    var checks: [CrossCheck] = []
}

struct TaggedSchema: Sendable {
    struct Variant: Sendable {
        var name: String
        var fields: [Field]
        var checks: [CrossCheck] = []
        var doc: String
    }
    var tagKey: String
    var defaultVariant: String
    var variants: [Variant]
    /// Fields every variant has (after the variant's own).
    var common: [Field]

    func variant(_ name: String) -> Variant? { variants.first { $0.name == name } }
}

struct ListSchema: Sendable {
    var element: SchemaType
    var minCount = 0
    /// Elements must differ (numbers), and are stored sorted ascending.
    var distinctSorted = false
    /// Elements are maps whose value at this key must be unique, and which paths may select by it.
    var nameKey: String? = nil
}

/// Small text helpers for messages.
enum Wording {
    /// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
    static func alternatives(_ items: [String], quoted: Bool = true, joiner: String = "or") -> String {
        let q = quoted ? items.map { "'\($0)'" } : items
        guard q.count > 1 else { return q.first ?? "" }
        return q.dropLast().joined(separator: ", ") + " \(joiner) " + q.last!
    }

    /// The valid name nearest to `word` by edit distance, when it is near enough to be a likely typo.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(1, min(3, (max(word.count, best.0.count) + 1) / 3))
        return best.1 <= limit ? best.0 : nil
    }

    /// `; did you mean 'x'?` or `; expected one of ...`.
    static func hint(for word: String, among candidates: [String]) -> String {
        if let near = suggestion(for: word, among: candidates) { return "; did you mean '\(near)'?" }
        return "; expected \(alternatives(candidates))"
    }

    /// Levenshtein distance (insertions, deletions, substitutions; a transposition counts 2).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `path.key`, or `key` at the root.
    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
