/// The value of a slot: a marginal distribution and optional Gaussian-copula persistence.
public struct ValueModel: Sendable, Hashable {
    public var distribution: ValueDistribution
    /// Lag-one correlation `rho` of the Gaussian copula, in `[0, 1)`.
    public var persistence: Double
    /// Multi-block MEV `beta >= 0` (MODEL.md section 3): slot `t` is worth `(1 + beta) V_t` to
    /// an agent that also proposed slot `t - 1`, and to the builders it sells to
    /// (`MultiBlockPremium.swift`). 0 = runs are pure chance.
    public var multiBlockPremium: Double

    public init(
        distribution: ValueDistribution, persistence: Double = ValueModel.persistenceParameter.declaredNumber,
        multiBlockPremium: Double = ValueModel.multiBlockPremiumParameter.declaredNumber
    ) {
        self.distribution = distribution
        self.persistence = persistence
        self.multiBlockPremium = multiBlockPremium
    }

    /// The mainnet calibration of MODEL.md section 3 (`ValueCalibration.law`: the lognormal body
    /// `mu = -2.975, sigma = 0.85`, the tail from `q = 0.95` with `alpha` fitted to the mean
    /// 0.1246 ETH, truncated at `M = 692` ETH).
    public static let mainnet = ValueModel(distribution: .lognormalPareto(ValueCalibration.law))

    /// The model-v2 law of the marginal, with its exact moments (`E[V]`, `E[V^2]`).
    public var law: ValueLaw { ValueLaw(distribution) }
}

/// Marginal distributions of `V_t` (MODEL.md section 3), all sampled by inverse CDF.
public enum ValueDistribution: Sendable, Hashable {
    case constant(Double)
    case uniform(low: Double, high: Double)
    case lognormal(mu: Double, sigma: Double)
    /// Lognormal body, Pareto tail truncated at `max` (MODEL.md version 2, section 3).
    case lognormalPareto(LognormalPareto)
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
    /// Every distribution's.
    public static let multiBlockPremiumParameter = ParameterSpec(
        "multi_block_premium", .number(.nonNegative), .defaulted(.number(0)),
        "multi-block MEV `beta`: a slot is worth `(1 + beta) V` to the agent that also proposed the slot before it, and to the builders it sells to")
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
        "alpha", .number(.positive), .defaulted(.number(ValueCalibration.alpha)),
        "Pareto tail index (default 1.078058633170623: fitted by root finding so that `E[V]` is the mainnet mean 0.1246 ETH)")
    public static let maxParameter = ParameterSpec(
        "max", .number(NumberRange(low: 0, lowInclusive: false, allowsInfinity: true)), .defaulted(.number(ValueCalibration.max)),
        "`M`, where the Pareto tail is truncated, ETH (692: the largest MEV-Boost payment in 3.79 M slots); `.inf` only with `alpha > 2`; must exceed the tail's start `x_q`")
    /// `empirical`.
    public static let fileParameter = ParameterSpec(
        "file", .text(.any), .required,
        "file of observed values, relative to the manifest's folder: one value per line, or a CSV file with `column`")
    public static let columnParameter = ParameterSpec(
        "column", .text(.any), .optional, "CSV column to read (the first line holds the column names); without it, one value per line")
}
