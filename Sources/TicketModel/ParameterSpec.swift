/// One parameter of the model as a manifest spells it: its key, type and range, default and one
/// line of doc, declared once beside the model type it belongs to.
///
/// The manifest layer walks these declarations: its validator (ranges, defaults filled in), its
/// decoder (a value left out decodes to the declared default), the filled-in `manifest.yaml` and
/// `docs/manifest-reference.md` all come from them. Nothing here knows YAML.
public struct ParameterSpec: Sendable {
    public enum Kind: Sendable {
        /// A finite number within `NumberRange`.
        case number(NumberRange)
        /// A whole number in `low ... high` (bounds kept as `Double`, all exactly representable).
        case integer(low: Double, high: Double)
        /// One of these strings.
        case choice([String])
        /// A finite number within `NumberRange`, or one of these strings (`shade: equilibrium`).
        case numberOrChoice(NumberRange, [String])
        /// One of these strings, or a map of these parameters (`prior: exact` or `{mean, variance}`).
        case choiceOrMap([String], [ParameterSpec])
        /// A map with exactly one of these keys.
        case exactlyOne([ParameterSpec])
        /// A string.
        case text(TextRule)
        /// A list of numbers within `NumberRange`.
        case numberList(NumberRange)
        /// `true` or `false`.
        case flag
    }

    public enum TextRule: Sendable {
        case any
        /// `[A-Za-z0-9_-]+` (names that become column names and metric suffixes).
        case name
    }

    /// Whether a parameter must be given, may be left out ("not set"), or has a default.
    public enum Presence: Sendable {
        case required
        case optional
        case defaulted(ParameterDefault)
    }

    /// The key in the manifest.
    public let name: String
    public let kind: Kind
    public let presence: Presence
    /// One line for the reference (units, meaning).
    public let doc: String

    public init(_ name: String, _ kind: Kind, _ presence: Presence, _ doc: String) {
        self.name = name
        self.kind = kind
        self.presence = presence
        self.doc = doc
    }

    /// The declared default when it is a number.
    public var defaultNumber: Double? {
        if case .defaulted(.number(let x)) = presence { return x }
        return nil
    }

    /// The declared default when it is a string.
    public var defaultString: String? {
        if case .defaulted(.string(let s)) = presence { return s }
        return nil
    }
}

/// A default value of a parameter: a number, a string, or a map of defaults (in key order).
public indirect enum ParameterDefault: Sendable {
    case number(Double)
    case string(String)
    case flag(Bool)
    case map([(key: String, value: ParameterDefault)])
}

/// Bounds of a numeric parameter, each end open or closed or absent.
public struct NumberRange: Sendable, Hashable {
    public var low: Double?
    public var lowInclusive: Bool
    public var high: Double?
    public var highInclusive: Bool
    /// Whether `+infinity` (YAML `.inf`) is accepted besides the finite numbers in range.
    public var allowsInfinity: Bool

    public init(low: Double? = nil, lowInclusive: Bool = true, high: Double? = nil, highInclusive: Bool = true, allowsInfinity: Bool = false) {
        self.low = low
        self.lowInclusive = lowInclusive
        self.high = high
        self.highInclusive = highInclusive
        self.allowsInfinity = allowsInfinity
    }

    public static let any = NumberRange()
    public static let nonNegative = NumberRange(low: 0)
    public static let positive = NumberRange(low: 0, lowInclusive: false)
    public static let atLeastOne = NumberRange(low: 1)
    public static let unitOpen = NumberRange(low: 0, lowInclusive: false, high: 1, highInclusive: false)
    public static let unitHalfOpen = NumberRange(low: 0, high: 1, highInclusive: false)
    public static let unitClosed = NumberRange(low: 0, high: 1)

    public func contains(_ x: Double) -> Bool {
        if x == .infinity && allowsInfinity { return high == nil }
        if let low, lowInclusive ? x < low : x <= low { return false }
        if let high, highInclusive ? x > high : x >= high { return false }
        return true
    }
}

/// The values of one checked parameter map (every defaulted key filled in), as the manifest
/// layer hands them to a model type's decoding initialiser.
public protocol ParameterValues {
    func number(_ key: String) -> Double?
    func string(_ key: String) -> String?
    /// The `true`/`false` value at `key` (`flag` parameters).
    func flag(_ key: String) -> Bool?
    /// Whether the map has `key` (for `exactlyOne` parameters).
    func has(_ key: String) -> Bool
    /// The map at `key`.
    func map(_ key: String) -> Self?
}

extension ParameterValues {
    /// The number declared by `spec`, or its default.
    public func number(_ spec: ParameterSpec) -> Double { number(spec.name) ?? spec.defaultNumber ?? 0 }

    /// The flag declared by `spec`, or its default (`false` without one).
    public func flag(_ spec: ParameterSpec) -> Bool {
        if let b = flag(spec.name) { return b }
        if case .defaulted(.flag(let b)) = spec.presence { return b }
        return false
    }

    /// The integer declared by `spec`, or its default (`fallback` without one); never traps
    /// (the validator has bounded it).
    public func int(_ spec: ParameterSpec, fallback: Int = 0) -> Int {
        guard let x = number(spec.name), x.isFinite, abs(x) < 9e15, let n = Int(exactly: x) else {
            return spec.defaultNumber.map { Int($0) } ?? fallback
        }
        return n
    }

    /// The auction format declared by `spec`, or its default.
    public func format(_ spec: ParameterSpec) -> AuctionFormat {
        string(spec.name).flatMap(AuctionFormat.init(rawValue:))
            ?? spec.defaultString.flatMap(AuctionFormat.init(rawValue:)) ?? .secondPrice
    }
}

/// Bounds shared by several declarations.
public enum ParameterBounds {
    /// Integers without a stated upper bound stop at 2^31 - 1, so that no count overflows the
    /// engine's arithmetic.
    public static let maxCount = 2_147_483_647.0
    /// Bound on lookahead and lead: each path keeps one ring entry per slot of delay.
    public static let maxDelay = 100_000.0
    /// Bound on sales in one slot (targets, caps, auction supply): a slot's sales loop and the
    /// pool's growth scale with it.
    public static let maxSales = 100_000.0
}

extension ParameterSpec {
    /// The declared numeric default, for the model types' initialisers (a declaration without a
    /// numeric default is a programming error, caught by the first test that builds the type).
    public var declaredNumber: Double {
        guard let x = defaultNumber else { preconditionFailure("parameter '\(name)' declares no numeric default") }
        return x
    }
}
