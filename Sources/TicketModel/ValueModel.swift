/// The value of a slot: a marginal distribution and optional Gaussian-copula persistence.
public struct ValueModel: Sendable, Hashable {
    public var distribution: ValueDistribution
    /// Lag-one correlation `rho` of the Gaussian copula, in `[0, 1)`.
    public var persistence: Double

    public init(distribution: ValueDistribution, persistence: Double = ValueModel.persistenceParameter.declaredNumber) {
        self.distribution = distribution
        self.persistence = persistence
    }

    /// The mainnet calibration of MODEL.md section 3.
    public static let mainnet = ValueModel(
        distribution: .lognormalPareto(
            mu: ValueModel.muParameter.declaredNumber, sigma: ValueModel.sigmaParameter.declaredNumber,
            tailQuantile: ValueModel.tailQuantileParameter.declaredNumber, alpha: ValueModel.alphaParameter.declaredNumber))
}

/// Marginal distributions of `V_t` (MODEL.md section 3), all sampled by inverse CDF.
public enum ValueDistribution: Sendable, Hashable {
    case constant(Double)
    case uniform(low: Double, high: Double)
    case lognormal(mu: Double, sigma: Double)
    case lognormalPareto(mu: Double, sigma: Double, tailQuantile: Double, alpha: Double)
    /// Bootstrap resampling of observed values, sorted ascending (`values` is never empty).
    case empirical(EmpiricalSample)
}

/// Observed slot values for the `empirical` distribution, kept sorted so that the inverse CDF
/// is an index.
public struct EmpiricalSample: Sendable, Hashable {
    public let sorted: [Double]
    /// Where the values came from, for messages and `manifest.yaml`.
    public let source: String

    public init(values: [Double], source: String) {
        self.sorted = values.sorted()
        self.source = source
    }
}

extension ValueModel {
    /// Every distribution's.
    public static let persistenceParameter = ParameterSpec(
        "persistence", .number(.unitHalfOpen), .defaulted(.number(0)), "lag-one correlation `rho` of the Gaussian copula")
    /// `constant`.
    public static let constantParameter = ParameterSpec(
        "value", .number(.nonNegative), .defaulted(.number(0.1)), "the value of every slot, ETH")
    /// `uniform`.
    public static let lowParameter = ParameterSpec("low", .number(.nonNegative), .defaulted(.number(0)), "lowest value, ETH")
    public static let highParameter = ParameterSpec("high", .number(.nonNegative), .defaulted(.number(1)), "highest value, ETH")
    /// `lognormal` and `lognormal-pareto` (the mainnet calibration of MODEL.md section 3).
    public static let muParameter = ParameterSpec("mu", .number(.any), .defaulted(.number(-2.975)), "mean of `log V` (lognormal body)")
    public static let sigmaParameter = ParameterSpec("sigma", .number(.nonNegative), .defaulted(.number(0.85)), "standard deviation of `log V`")
    /// `lognormal-pareto`.
    public static let tailQuantileParameter = ParameterSpec(
        "tail_quantile", .number(.unitOpen), .defaulted(.number(0.95)), "quantile `q` of the body where the Pareto tail starts")
    public static let alphaParameter = ParameterSpec(
        "alpha", .number(.positive), .defaulted(.number(1.2)), "Pareto tail index (mean infinite for `alpha <= 1`)")
    /// `empirical`.
    public static let fileParameter = ParameterSpec(
        "file", .text(.any), .required,
        "file of observed values, relative to the manifest's folder: one value per line, or a CSV file with `column`")
    public static let columnParameter = ParameterSpec(
        "column", .text(.any), .optional, "CSV column to read (the first line holds the column names); without it, one value per line")
}
