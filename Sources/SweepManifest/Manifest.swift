import SweepPlanner
import TicketModel

/// One swept parameter: its path and the values it takes, in order.
public struct Axis: Sendable {
    public var path: ParameterPath
    /// The values, as written or as a `{from, to, steps}` axis expands (numbers rounded for
    /// integer parameters, cleaned to 12 significant digits otherwise).
    public var values: [ConfigNode]
    /// Where the axis's key is written.
    public var mark: SourceMark?
    /// CSV cell text per value: numbers in shortest round-trip form (`8`, `0.1`), strings as
    /// they are, maps and lists as compact flow text (`{mechanism: fixed, price: 0.1}`).
    public var labels: [String]

    public init(path: ParameterPath, values: [ConfigNode], mark: SourceMark?, labels: [String]) {
        self.path = path
        self.values = values
        self.mark = mark
        self.labels = labels
    }
}

public enum SampleMethod: String, Sendable, CaseIterable {
    case sobol
    case latinHypercube = "latin-hypercube"
    case uniform
    /// Saltelli's design for Sobol' indices: `points × (ranges + 2)` rows (`DesignSampler.saltelli`).
    case saltelli
}

/// One numeric parameter of a random design and its range `[low, high]`, `low < high`.
public struct SampleRange: Sendable {
    public var path: ParameterPath
    public var low: Double
    public var high: Double
    /// Whether the parameter is an integer (the planner rounds drawn values).
    public var integer: Bool
    public var mark: SourceMark?

    public init(path: ParameterPath, low: Double, high: Double, integer: Bool, mark: SourceMark?) {
        self.path = path
        self.low = low
        self.high = high
        self.integer = integer
        self.mark = mark
    }
}

public struct SampleDesign: Sendable {
    public var method: SampleMethod
    public var points: Int
    public var ranges: [SampleRange]

    public init(method: SampleMethod, points: Int, ranges: [SampleRange]) {
        self.method = method
        self.points = points
        self.ranges = ranges
    }

    /// The design's rows: `points`, or `points × (ranges + 2)` for `saltelli`.
    public var rowCount: Int {
        method == .saltelli ? points * (ranges.count + 2) : points
    }
}

/// What varies between points: the grid's axes are crossed, the zip's move together, and the
/// sample's points are crossed with both.
public struct SweepDesign: Sendable {
    public var grid: [Axis]
    public var zip: [Axis]
    public var sample: SampleDesign?

    public init(grid: [Axis], zip: [Axis], sample: SampleDesign?) {
        self.grid = grid
        self.zip = zip
        self.sample = sample
    }

    /// Grid points × zip length × sample points (each factor 1 when absent); at most 10,000,000.
    public var pointCount: Int {
        let gridPoints = grid.reduce(1) { $0 * $1.values.count }
        return gridPoints * (zip.first?.values.count ?? 1) * (sample?.rowCount ?? 1)
    }
}

/// A checked manifest with every default filled in.
///
/// What the planner, the engine and the reducer take of it (name, seed, sizes, outputs,
/// precision, the canonical text and its digest, the base decoded) is `settings`, read through
/// as `manifest.seed`, `manifest.outputs`, ...; the rest is the manifest layer's own: where it was
/// read from, the config trees and the warnings.
@dynamicMemberLookup
public struct Manifest: Sendable {
    /// The path it was read from, as given.
    public var file: String
    /// The folder that relative `empirical` files are read from.
    public var directory: String
    public var settings: SweepSettings
    /// The base model tree with defaults filled in, keys in schema order.
    public var base: ConfigNode
    public var sweep: SweepDesign
    /// `file:line:column: warning: ...` lines for deprecated keys that were accepted.
    public var warnings: [String] = []

    public subscript<T>(dynamicMember path: KeyPath<SweepSettings, T>) -> T { settings[keyPath: path] }

    /// The manifest as run, defaults filled in, as deterministic YAML text (`manifest.yaml`).
    public var canonicalYAML: String { settings.manifestText }

    /// The buyer class names of the base, in order.
    public var buyerClasses: [String] { settings.baseParameters.buyers.map(\.name) }

    /// The metrics the tables hold: `outputs.metrics`, or every one for the base's classes.
    public var metricNames: [String] {
        settings.outputs.metrics ?? MetricLayout(settings.baseParameters).allNames
    }
}
