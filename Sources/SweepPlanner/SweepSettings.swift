import TicketModel

/// What the tables hold (`outputs` of the manifest, defaults filled in).
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


/// What the engine and the reducer need of a sweep besides its points: sizes, seed, outputs,
/// research options and the manifest as run. A plain value, built by the manifest layer
/// (`SweepPlan.init(_:)` in SweepManifest), which is the only one that reads YAML.
public struct SweepSettings: Sendable {
    public var name: String
    public var seed: UInt64
    /// Replications per point (of the first round, with a precision target).
    public var replications: Int
    /// Measured slots per path (the warmup comes on top).
    public var slots: Int
    public var commonRandomNumbers: Bool
    /// Replications per shard.
    public var shardSize: Int
    public var outputs: OutputSpec
    /// `precision`, when asked for: replications then run in rounds until the target is met.
    public var precision: PrecisionTarget?
    /// The manifest as run, defaults filled in: the bytes of `manifest.yaml` in the results
    /// folder (UTF-8 text, written as it is).
    public var manifestText: String
    /// Lowercase hex SHA-256 of `manifestText`'s UTF-8 bytes; partials carry it.
    public var digest: String
    /// The base model, decoded. Buyer classes are not swept, so its metric layout is every
    /// point's.
    public var baseParameters: ModelParameters

    public init(
        name: String, seed: UInt64, replications: Int, slots: Int, commonRandomNumbers: Bool, shardSize: Int,
        outputs: OutputSpec, precision: PrecisionTarget?, manifestText: String, digest: String, baseParameters: ModelParameters
    ) {
        self.name = name
        self.seed = seed
        self.replications = replications
        self.slots = slots
        self.commonRandomNumbers = commonRandomNumbers
        self.shardSize = shardSize
        self.outputs = outputs
        self.precision = precision
        self.manifestText = manifestText
        self.digest = digest
        self.baseParameters = baseParameters
    }
}
