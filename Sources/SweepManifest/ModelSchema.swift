import SweepPlanner
import Synchronization
import TicketModel

/// The manifest's schema: one description for the validator, the defaults and the reference.
///
/// Defaults are MODEL.md section 10's. Integers without a stated upper bound stop at
/// 2^31 - 1, so that no count overflows the engine's arithmetic.
public enum ManifestSchema {
    static let maxCount = ParameterBounds.maxCount
    static let maxPoints = 10_000_000

    static let mu = Field(ValueModel.muParameter)
    static let sigma = Field(ValueModel.sigmaParameter)

    static let value = SchemaType.tagged(TaggedSchema(
        tagKey: "distribution",
        defaultVariant: "lognormal-pareto",
        variants: [
            .init(name: "constant", fields: [
                Field(ValueModel.constantParameter),
            ], doc: "every slot has the same value (for tests)"),
            .init(name: "uniform", fields: [
                Field(ValueModel.lowParameter),
                Field(ValueModel.highParameter),
            ], checks: [CrossCheck(doc: "`high > low`", keys: ["low", "high"]) { path, f in
                guard let low = f["low"]?.number, let high = f["high"]?.number, high <= low else { return nil }
                return "\(Wording.join(path, "high")) must be greater than \(Wording.join(path, "low")) (\(ScalarText.number(low))); got \(ScalarText.number(high))"
            }], doc: "uniform between `low` and `high` (for tests)"),
            .init(name: "lognormal", fields: [mu, sigma], doc: "`exp(mu + sigma z)`"),
            .init(name: "lognormal-pareto", fields: [
                mu, sigma,
                Field(ValueModel.tailQuantileParameter),
                Field(ValueModel.alphaParameter),
                Field(ValueModel.maxParameter),
            ], checks: [CrossCheck(
                doc: "`max > x_q` (the tail's start), and `max: .inf` only with `alpha > 2`",
                keys: ["mu", "sigma", "tail_quantile", "alpha", "max"]
            ) { _, f in
                guard let mu = f["mu"]?.number, let sigma = f["sigma"]?.number, let q = f["tail_quantile"]?.number,
                      let alpha = f["alpha"]?.number, let max = f["max"]?.number else { return nil }
                // Only the rules that involve `max`: the other keys' own ranges are checked (and
                // reported) field by field.
                guard let problem = LognormalPareto(mu: mu, sigma: sigma, tailQuantile: q, alpha: alpha, max: max).problem,
                      problem.parameter == "max" else { return nil }
                return problem.description
            }], doc: "lognormal body up to its `q`-quantile, Pareto tail above truncated at `max` (the mainnet calibration)"),
            .init(name: "empirical", fields: [
                Field(ValueModel.fileParameter),
                Field(ValueModel.columnParameter),
            ], doc: "bootstrap resampling of observed values (read when the manifest is checked)"),
        ],
        common: [
            Field(ValueModel.persistenceParameter),
            Field(ValueModel.multiBlockPremiumParameter),
        ]))

    /// The primary market: one variant per registered mechanism, from its declarations.
    static var pricing: SchemaType {
        .tagged(TaggedSchema(
            tagKey: "mechanism",
            defaultVariant: MechanismRegistry.defaultMechanism.name,
            variants: MechanismRegistry.all.map { .init(name: $0.name, fields: $0.parameters.map(Field.init), doc: $0.doc) },
            common: [Field(ModelParameters.maxSalesPerSlotParameter)]))
    }

    static let builders = SchemaType.object(ObjectSchema(fields: [
        Field(BuilderMarket.countParameter),
        Field(BuilderMarket.noiseParameter),
        Field(BuilderMarket.auctionParameter),
        Field(BuilderMarket.shadeParameter),
        Field(BuilderMarket.skillsParameter),
    ], checks: [CrossCheck(doc: "`shade: equilibrium` only with equal skills", keys: ["shade", "skills"]) { path, f in
        guard f["shade"]?.string == "equilibrium", let skills = f["skills"]?.list?.compactMap(\.number), Set(skills).count > 1 else { return nil }
        return "\(Wording.join(path, "shade")): equilibrium is the symmetric Bayes–Nash bid, defined for builders of equal skills; "
            + "these skills differ (\(skills.map(ScalarText.number).joined(separator: ", "))): give a fixed shade in [0, 1) or equal skills"
    }, CrossCheck(doc: "`skills`, when given, has `count` entries", keys: ["skills", "count"]) { path, f in
        guard let skills = f["skills"]?.list, !skills.isEmpty, let count = f["count"]?.number,
              Double(skills.count) != count else { return nil }
        return "\(Wording.join(path, "skills")) has \(skills.count) entries but \(Wording.join(path, "count")) is \(ScalarText.number(count)); give one skill per builder"
    }]))

    static let buyer = SchemaType.object(ObjectSchema(fields: [
        Field(BuyerClass.nameParameter),
        Field(BuyerClass.countParameter),
        Field(BuyerClass.extractionParameter),
        Field(BuyerClass.discountRateParameter),
        Field(BuyerClass.riskAversionParameter),
        Field(BuyerClass.missRateParameter),
        Field(BuyerClass.maxTicketsParameter),
        Field(BuyerClass.maxBuyPerSlotParameter),
        Field(BuyerClass.beliefParameter),
        Field(BuyerClass.halfLifeParameter),
        Field(BuyerClass.priorParameter),
        Field(BuyerClass.strategyParameter),
        Field(BuyerClass.horizonParameter),
    ]))

    /// The model (`base`), in the order the canonical manifest writes it; rebuilt when a
    /// mechanism is registered at run time (`MechanismRegistry.register`).
    static var model: SchemaType { built.model }

    /// The whole manifest.
    static var manifest: SchemaType { built.manifest }

    private static let cache = Mutex<(mechanisms: Int, model: SchemaType, manifest: SchemaType)?>(nil)

    /// The model and manifest schemas for the mechanisms registered now.
    private static var built: (model: SchemaType, manifest: SchemaType) {
        let mechanisms = MechanismRegistry.all.count
        return cache.withLock { cached in
            if let cached, cached.mechanisms == mechanisms { return (cached.model, cached.manifest) }
            let model = makeModel(), manifest = makeManifest(model: model)
            cached = (mechanisms, model, manifest)
            return (model, manifest)
        }
    }

    private static func makeModel() -> SchemaType { SchemaType.object(ObjectSchema(fields: [
        Field("value", value, .defaulted(.map([])), "distribution of the value of a slot (tagged by `distribution`)"),
        Field(ModelParameters.lookaheadParameter),
        Field(ModelParameters.warmupParameter),
        Field("pricing", pricing, .defaulted(.map([])), "the primary market (tagged by `mechanism`)"),
        Field("builders", builders, .defaulted(.map([])), "the just-in-time auction to builders"),
        Field("buyers", .list(ListSchema(element: buyer, minCount: 1, nameKey: "name")),
              .defaulted(.list(ModelParameters.defaultBuyers.map {
                  ConfigNode(.object([(BuyerClass.nameParameter.name, .string($0.name)), (BuyerClass.countParameter.name, .number(Double($0.count)))]))
              })),
              "buyer classes (at least one)"),
        Field("secondary_market", .object(ObjectSchema(fields: SecondaryMarket.parameters.map(Field.init))), .defaulted(.map([])),
              "resale of each newly assigned slot right in a second-price auction among all agents (off by default)"),
        Field("tickets", .object(ObjectSchema(fields: TicketTerms.parameters.map(Field.init))), .optional,
              "expiry and refunds of pool tickets (default: tickets never expire)"),
    ], checks: MarketFeatureChecks.all))
    }

    static let defaultQuantiles: [Double] = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]

    static let outputs = SchemaType.object(ObjectSchema(fields: [
        Field("metrics", .allOrNames, .defaulted(.string("all")), "`all`, or a list of metric names"),
        Field("quantiles", .list(ListSchema(element: .number(.unitOpen), minCount: 1, distinctSorted: true)),
              .defaulted(.list(defaultQuantiles.map { ConfigNode(.number($0)) })), "distinct quantiles to report, in (0, 1)"),
        Field("histogram", .object(ObjectSchema(fields: [
            Field("bins", .integer(low: 1, high: 10_000), .defaulted(.number(64)), "bins per histogram"),
            Field("write", .choice(HistogramWrite.allCases.map(\.rawValue)), .optional, "`auto` (the default: histograms for designs of at most 2000 points), `always` or `never`"),
        ])), .defaulted(.map([])), "histogram settings"),
        Field("differences", .object(ObjectSchema(fields: [
            Field("baseline", .pointOrPathMap, .required, "a point number, or `path: value` for grid or zip axes (the others as the point's own)"),
        ])), .optional, "paired differences against a baseline point (`differences.csv`)"),
        Field("sensitivity", .object(ObjectSchema(fields: [
            Field("metrics", .list(ListSchema(element: .string(.any), minCount: 1)), .required, "metrics whose point means are analysed, or `metric:pNN` for a quantile of the point (`ticket_return:p99`)"),
            Field("bootstrap", .integer(low: 2, high: 100_000), .defaulted(.number(200)), "bootstrap resamples behind `S1_conf` and `ST_conf`"),
        ])), .optional, "Sobol' indices of a `saltelli` sample (`sensitivity.csv`)"),
    ]))

    static let precision = SchemaType.object(ObjectSchema(fields: [
        Field("metric", .string(.any), .required, "per-path metric whose point mean must reach the target (`capture_ratio`)"),
        Field("se", .number(.positive), .required, "target standard error of that mean, in the metric's units"),
        Field("max_replications", .integer(low: 1, high: maxCount), .required, "cap on a point's replications (at least `replications`)"),
    ]))

    static let sweep = SchemaType.object(ObjectSchema(fields: [
        Field("grid", .pathMap, .optional, "axes crossed with each other: `path: axis`"),
        Field("zip", .pathMap, .optional, "axes that move together: `path: axis`, all of one length"),
        Field("sample", .object(ObjectSchema(fields: [
            Field("method", .choice(SampleMethod.allCases.map(\.rawValue)), .defaulted(.string("sobol")), "`sobol`, `latin-hypercube`, `uniform`, or `saltelli` (`points × (ranges + 2)` rows for Sobol' indices; `points` a power of two)"),
            Field("points", .integer(low: 1, high: Double(maxPoints)), .required, "points drawn"),
            Field("ranges", .pathMap, .required, "`path: [low, high]` for numeric parameters, `low < high`"),
        ])), .optional, "a random design over ranges, crossed with the grid and the zip"),
    ]))

    private static func makeManifest(model: SchemaType) -> SchemaType { SchemaType.object(ObjectSchema(fields: [
        Field("name", .string(.fileName), .computed("the file's name without its extension"), "name of the run (the results folder's default name); letters, digits, `.`, `_`, `-`"),
        Field("model", .choice(["execution-tickets"]), .defaulted(.string("execution-tickets")), "the model simulated"),
        Field("seed", .integer(low: 0, high: 9_223_372_036_854_775_808), .required, "seed of every random stream, 0 to 2^63"),
        Field("replications", .integer(low: 1, high: maxCount), .required, "Monte Carlo paths per point"),
        Field("slots", .integer(low: 1, high: maxCount), .defaulted(.number(7200)), "measured slots per path (7200 = one day)"),
        Field("common_random_numbers", .bool, .defaulted(.bool(true)), "the same slot values and builder signals at every point"),
        Field("shard_size", .integer(low: 1, high: maxCount), .computed("min(replications, 100)"), "replications per shard"),
        Field("base", model, .defaulted(.map([])), "the model's parameters (see below)", startsPaths: true),
        Field("sweep", sweep, .optional, "what varies between points; without it, one point"),
        Field("outputs", outputs, .defaulted(.map([])), "what the tables hold"),
        Field("precision", precision, .optional, "run rounds of whole shards until the SE of `metric`'s point mean is at most `se` at every point, or a point reaches `max_replications`; the first round is `replications`, which must then be a multiple of `shard_size`"),
    ]))
    }

    /// Top-level keys in the order the canonical manifest writes them.
    static var manifestOrder: [String] {
        guard case .object(let schema) = manifest else { return [] }
        return schema.fields.map(\.name)
    }

    /// Every metric name (MODEL.md section 8) for these buyer classes, in table order: the
    /// model's `MetricLayout` declares them.
    public static func metricNames(buyerClasses: [String]) -> [String] {
        MetricLayout.knownNames(buyerNames: buyerClasses)
    }
}
