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

public struct OutputSpec: Sendable {
    /// The metrics asked for, or `nil` for all of them.
    public var metrics: [String]?
    /// Distinct, ascending, in (0, 1).
    public var quantiles: [Double]
    public var histogramBins: Int
    /// `outputs.histogram.write`: when `histograms.csv` gets rows (`auto` when absent).
    public var histogramWrite: HistogramWrite
    /// `outputs.differences`, when asked for.
    public var differences: DifferenceSpec?
    /// `outputs.sensitivity`, when asked for (the design is then a Saltelli sample alone).
    public var sensitivity: SensitivitySpec?

    public init(
        metrics: [String]?, quantiles: [Double], histogramBins: Int, histogramWrite: HistogramWrite = .auto,
        differences: DifferenceSpec? = nil, sensitivity: SensitivitySpec? = nil
    ) {
        self.histogramWrite = histogramWrite
        self.metrics = metrics
        self.quantiles = quantiles
        self.histogramBins = histogramBins
        self.differences = differences
        self.sensitivity = sensitivity
    }
}

/// A checked manifest with every default filled in.
public struct Manifest: Sendable {
    /// The path it was read from, as given.
    public var file: String
    /// The folder that relative `empirical` files are read from.
    public var directory: String
    public var name: String
    public var seed: UInt64
    public var replications: Int
    public var slots: Int
    public var commonRandomNumbers: Bool
    public var shardSize: Int
    /// The base model tree with defaults filled in, keys in schema order.
    public var base: ConfigNode
    public var sweep: SweepDesign
    public var outputs: OutputSpec
    /// The manifest as run, defaults filled in, as deterministic YAML text.
    public var canonicalYAML: String
    /// Lowercase hex SHA-256 of `canonicalYAML`'s UTF-8 bytes.
    public var digest: String
    /// `base` decoded.
    public var baseParameters: ModelParameters
    /// `precision`, when asked for: replications then run in rounds until the target is met.
    public var precision: PrecisionTarget? = nil
    /// `file:line:column: warning: ...` lines for deprecated keys that were accepted.
    public var warnings: [String] = []

    /// The buyer class names of the base, in order.
    public var buyerClasses: [String] { baseParameters.buyers.map(\.name) }

    /// The metrics the tables hold: `outputs.metrics`, or every one for the base's classes.
    public var metricNames: [String] {
        outputs.metrics ?? MetricLayout(baseParameters).allNames
    }
}
