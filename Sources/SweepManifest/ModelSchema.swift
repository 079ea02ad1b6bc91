import TicketModel

/// The manifest's schema: one description for the validator, the defaults and the reference.
///
/// Defaults are MODEL.md section 10's. Integers without a stated upper bound stop at
/// 2^31 - 1, so that no count overflows the engine's arithmetic.
public enum ManifestSchema {
    static let maxCount = 2_147_483_647.0
    /// Bound on lookahead and lead: each path keeps one ring entry per slot of delay.
    static let maxDelay = 100_000.0
    /// Bound on sales in one slot (targets, caps, auction supply): a slot's sales loop and the
    /// pool's growth scale with it.
    static let maxSalesBound = 100_000.0
    static let maxPoints = 10_000_000

    static let auctionFormat = SchemaType.choice(AuctionFormat.allCases.map(\.rawValue))
    static let shade = Field("shade", .number(.unitHalfOpen), .defaulted(.number(0.05)), "first price only: bids are shaded to `v (1 - shade)`")
    static let mu = Field("mu", .number(.any), .defaulted(.number(-2.975)), "mean of `log V` (lognormal body)")
    static let sigma = Field("sigma", .number(.nonNegative), .defaulted(.number(0.85)), "standard deviation of `log V`")

    static let value = SchemaType.tagged(TaggedSchema(
        tagKey: "distribution",
        defaultVariant: "lognormal-pareto",
        variants: [
            .init(name: "constant", fields: [
                Field("value", .number(.nonNegative), .defaulted(.number(0.1)), "the value of every slot, ETH"),
            ], doc: "every slot has the same value (for tests)"),
            .init(name: "uniform", fields: [
                Field("low", .number(.nonNegative), .defaulted(.number(0)), "lowest value, ETH"),
                Field("high", .number(.nonNegative), .defaulted(.number(1)), "highest value, ETH"),
            ], checks: [CrossCheck(doc: "`high > low`", keys: ["low", "high"]) { path, f in
                guard let low = f["low"]?.number, let high = f["high"]?.number, high <= low else { return nil }
                return "\(Wording.join(path, "high")) must be greater than \(Wording.join(path, "low")) (\(ScalarText.number(low))); got \(ScalarText.number(high))"
            }], doc: "uniform between `low` and `high` (for tests)"),
            .init(name: "lognormal", fields: [mu, sigma], doc: "`exp(mu + sigma z)`"),
            .init(name: "lognormal-pareto", fields: [
                mu, sigma,
                Field("tail_quantile", .number(.unitOpen), .defaulted(.number(0.95)), "quantile `q` of the body where the Pareto tail starts"),
                Field("alpha", .number(.positive), .defaulted(.number(1.2)), "Pareto tail index (mean infinite for `alpha <= 1`)"),
            ], doc: "lognormal body up to its `q`-quantile, Pareto tail above (the mainnet calibration)"),
            .init(name: "empirical", fields: [
                Field("file", .string(.any), .required, "file of observed values, relative to the manifest's folder: one value per line, or a CSV file with `column`"),
                Field("column", .string(.any), .optional, "CSV column to read (the first line holds the column names); without it, one value per line"),
            ], doc: "bootstrap resampling of observed values (read when the manifest is checked)"),
        ],
        common: [
            Field("persistence", .number(.unitHalfOpen), .defaulted(.number(0)), "lag-one correlation `rho` of the Gaussian copula"),
        ]))

    static let pricing = SchemaType.tagged(TaggedSchema(
        tagKey: "mechanism",
        defaultVariant: "eip1559",
        variants: [
            .init(name: "fixed", fields: [
                Field("price", .number(.nonNegative), .defaulted(.number(0.1)), "posted price, ETH"),
            ], doc: "a posted price that never changes"),
            .init(name: "eip1559", fields: [
                Field("target", .exactlyOne([
                    Field("pool", .integer(low: 1, high: maxCount), .required, "target pool size `H*`"),
                    Field("sales", .integer(low: 1, high: maxSalesBound / 2), .required, "target sales per slot `tau` (at most `2 tau` per slot)"),
                ]), .defaulted(.object([("pool", .number(64))])), "exactly one of `{pool: H*}` or `{sales: tau}`"),
                Field("quotient", .number(.atLeastOne), .defaulted(.number(8)), "adjustment quotient `A`: the price moves at most `1/A` per slot"),
                Field("initial_price", .number(.positive), .defaulted(.number(0.1)), "price in the first slot, ETH"),
                Field("min_price", .number(.positive), .defaulted(.number(1e-9)), "floor of the price, ETH"),
            ], doc: "posted price updated after every slot towards a pool or a sales target"),
            .init(name: "exponential", fields: [
                Field("target_pool", .integer(low: 0, high: maxCount), .defaulted(.number(64)), "pool size `H*` at which a ticket costs `min_price`"),
                Field("quotient", .number(.positive), .defaulted(.number(8)), "`A` in `min_price * exp((H - H*) / A)`"),
                Field("min_price", .number(.positive), .defaulted(.number(1e-9)), "price at the target pool, ETH"),
            ], doc: "bonding curve: the next ticket costs `min_price * exp((H - H*) / A)`"),
            .init(name: "auction", fields: [
                Field("supply", .integer(low: 1, high: maxSalesBound), .defaulted(.number(1)), "tickets sold per slot"),
                Field("format", auctionFormat, .defaulted(.string("second-price")), "`first-price` or `second-price`"),
                shade,
            ], doc: "`supply` tickets per slot to the highest marginal valuations"),
            .init(name: "execution-auction", fields: [
                Field("lead", .integer(low: 0, high: maxDelay), .defaulted(.number(32)), "slots between the sale and the slot sold (at most 100000: every path keeps a slot of memory per slot of lead)"),
                Field("format", auctionFormat, .defaulted(.string("second-price")), "`first-price` or `second-price`"),
                shade,
            ], doc: "no pool: the right to slot `t + lead` is sold outright at slot `t`"),
            .init(name: "proportional", fields: [], doc: "1-wei tickets, each class wins with probability proportional to its spend (Tullock contest)"),
        ],
        common: [
            Field("max_sales_per_slot", .integer(low: 1, high: maxSalesBound), .defaulted(.number(4)), "cap on tickets sold in one slot, whole market"),
        ]))

    static let builders = SchemaType.object(ObjectSchema(fields: [
        Field("count", .integer(low: 1, high: 1000), .defaulted(.number(5)), "number of builders `B`"),
        Field("noise", .number(.nonNegative), .defaulted(.number(0.1)), "signal noise `sigma_b`"),
        Field("auction", auctionFormat, .defaulted(.string("second-price")), "format of the just-in-time auction"),
        shade,
        Field("skills", .list(ListSchema(element: .number(.nonNegative))), .optional, "skill `q_j` per builder (default 1 each); exactly `count` entries"),
    ], checks: [CrossCheck(doc: "`skills`, when given, has `count` entries", keys: ["skills", "count"]) { path, f in
        guard let skills = f["skills"]?.list, !skills.isEmpty, let count = f["count"]?.number,
              Double(skills.count) != count else { return nil }
        return "\(Wording.join(path, "skills")) has \(skills.count) entries but \(Wording.join(path, "count")) is \(ScalarText.number(count)); give one skill per builder"
    }]))

    static let buyer = SchemaType.object(ObjectSchema(fields: [
        Field("name", .string(.name), .required, "class name (letters, digits, `_`, `-`), unique"),
        Field("count", .integer(low: 1, high: 100_000), .defaulted(.number(1)), "identical agents in the class"),
        Field("extraction", .number(.nonNegative), .defaulted(.number(0)), "`e`: the class builds itself for `e V` (0 = only sells to builders)"),
        Field("discount_rate", .number(.nonNegative), .defaulted(.number(0.05)), "cost of capital per year (used per slot)"),
        Field("risk_aversion", .number(.any), .defaulted(.number(0)), "mean-variance `a` (negative = risk seeking)"),
        Field("miss_rate", .number(.unitClosed), .defaulted(.number(0)), "probability that a held slot is missed"),
        Field("max_tickets", .integer(low: 1, high: maxCount), .optional, "cap on tickets held per agent (default unlimited)"),
        Field("max_buy_per_slot", .integer(low: 1, high: maxCount), .defaulted(.number(1)), "cap on tickets bought per agent and slot"),
        Field("belief", .choice(["exact", "ewma"]), .defaulted(.string("exact")), "`exact` or `ewma` (learns from observed payoffs)"),
        Field("half_life", .number(.positive), .defaulted(.number(256)), "half-life of `ewma` beliefs, slots"),
    ]))

    /// The model (`base`), in the order the canonical manifest writes it.
    static let model = SchemaType.object(ObjectSchema(fields: [
        Field("value", value, .defaulted(.map([])), "distribution of the value of a slot (tagged by `distribution`)"),
        Field("lookahead", .integer(low: 0, high: maxDelay), .defaulted(.number(32)), "slots `L` between the draw and the slot proposed (at most 100000: every path keeps a slot of memory per slot of lookahead)"),
        Field("warmup", .integer(low: 0, high: maxCount), .optional, "slots simulated before the measured ones (default `4 (L + H*)` with a pool target; else `L + 1` with a pool, `L` for proportional, `lead` for the execution auction)"),
        Field("belief_sample", .integer(low: 16, high: 16_777_216), .defaulted(.number(65536)), "size of the pre-sample behind exact beliefs"),
        Field("pricing", pricing, .defaulted(.map([])), "the primary market (tagged by `mechanism`)"),
        Field("builders", builders, .defaulted(.map([])), "the just-in-time auction to builders"),
        Field("buyers", .list(ListSchema(element: buyer, minCount: 1, nameKey: "name")),
              .defaulted(.list([ConfigNode(.object([("name", .string("default")), ("count", .number(10))]))])),
              "buyer classes (at least one)"),
    ]))

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

    static let sweep = SchemaType.object(ObjectSchema(fields: [
        Field("grid", .pathMap, .optional, "axes crossed with each other: `path: axis`"),
        Field("zip", .pathMap, .optional, "axes that move together: `path: axis`, all of one length"),
        Field("sample", .object(ObjectSchema(fields: [
            Field("method", .choice(SampleMethod.allCases.map(\.rawValue)), .defaulted(.string("sobol")), "`sobol`, `latin-hypercube`, `uniform`, or `saltelli` (`points × (ranges + 2)` rows for Sobol' indices; `points` a power of two)"),
            Field("points", .integer(low: 1, high: Double(maxPoints)), .required, "points drawn"),
            Field("ranges", .pathMap, .required, "`path: [low, high]` for numeric parameters, `low < high`"),
        ])), .optional, "a random design over ranges, crossed with the grid and the zip"),
    ]))

    /// The whole manifest.
    static let manifest = SchemaType.object(ObjectSchema(fields: [
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
    ]))

    /// Top-level keys in the order the canonical manifest writes them.
    static var manifestOrder: [String] {
        guard case .object(let schema) = manifest else { return [] }
        return schema.fields.map(\.name)
    }

    /// Every metric name (MODEL.md section 8) for these buyer classes, in table order.
    public static func metricNames(buyerClasses: [String]) -> [String] {
        var names = ["value_total", "protocol_revenue", "capture_ratio", "proposer_revenue", "builder_profit", "lost_value"]
        names += buyerClasses.map { "profit.\($0)" }
        names += buyerClasses.map { "slot_share.\($0)" }
        names += ["hhi", "top_share", "longest_run", "price_mean", "price_sd", "pool_mean", "pool_sd",
                  "empty_slot_rate", "missed_slot_rate", "sales_per_slot", "ticket_return", "ticket_multiple", "ticket_wait", "ticket_price"]
        return names
    }
}
