import TicketModel

/// Turns a model tree (`base` plus a point's overrides) into checked `ModelParameters`.
public enum ModelDecoder {
    /// Base tree + a point's overrides → validated, decoded parameters.
    ///
    /// Each override replaces the node at its path (a whole map is allowed, e.g. a `pricing`
    /// axis of mechanism maps; defaults are filled in again afterwards). Errors carry the mark of
    /// the override value that caused them, or of the base node.
    public static func parameters(
        base: ConfigNode, overrides: [(path: ParameterPath, value: ConfigNode)], manifest: Manifest
    ) throws(ManifestProblems) -> ModelParameters {
        let result = decode(base: base, overrides: overrides, directory: manifest.directory)
        switch result {
        case .success(let parameters): return parameters
        case .failure(let problems): throw problems.problems(file: manifest.file)
        }
    }

    /// Whether the schema says the parameter at `path` is an integer; `nil` if `base` has no such
    /// parameter (a variant that lacks it, a class that does not exist).
    public static func isInteger(path: ParameterPath, base: ConfigNode) -> Bool? {
        guard case .success(let resolved) = SchemaPaths.resolve(path, in: base) else { return nil }
        return resolved.type.isInteger
    }

    /// The checked tree and the decoded parameters, or every problem found.
    static func decode(
        base: ConfigNode, overrides: [(path: ParameterPath, value: ConfigNode)], directory: String
    ) -> Result<ModelParameters, ProblemList> {
        switch filledTree(base: base, overrides: overrides) {
        case .failure(let problems): return .failure(problems)
        case .success(let tree):
            var problems = ProblemList()
            let parameters = decodeFilled(tree, directory: directory, problems: &problems)
            return problems.isEmpty ? .success(parameters) : .failure(problems)
        }
    }

    /// Applies the overrides and checks the result against the model schema (defaults filled).
    static func filledTree(base: ConfigNode, overrides: [(path: ParameterPath, value: ConfigNode)]) -> Result<ConfigNode, ProblemList> {
        var tree = base
        var problems = ProblemList()
        for (path, value) in overrides {
            switch SchemaPaths.resolve(path, in: tree) {
            case .failure(let problem): problems.add(problem.message, at: value.mark)
            case .success(let resolved):
                if !SchemaPaths.set(value, at: resolved.steps[...], in: &tree) {
                    problems.add("'\(path)' cannot be set in this base", at: value.mark)
                }
            }
        }
        guard problems.isEmpty else { return .failure(problems) }
        var validator = SchemaValidator()
        let filled = validator.check(tree, ManifestSchema.model, path: "", label: "base")
        return validator.problems.isEmpty ? .success(filled) : .failure(validator.problems)
    }

    /// Decodes a tree that passed the schema (a missing value falls back to the model default).
    private static func decodeFilled(_ tree: ConfigNode, directory: String, problems: inout ProblemList) -> ModelParameters {
        var parameters = ModelParameters()
        if let value = tree["value"] {
            parameters.value = decodeValue(value, directory: directory, problems: &problems)
        }
        parameters.lookahead = int(tree["lookahead"], 32)
        parameters.warmup = tree["warmup"].flatMap { $0.number.flatMap { Int(exactly: $0) } }
        parameters.beliefSample = int(tree["belief_sample"], 1 << 16)
        if let pricing = tree["pricing"] {
            parameters.pricing = decodePricing(pricing)
            parameters.maxSalesPerSlot = int(pricing["max_sales_per_slot"], 4)
        }
        if let builders = tree["builders"] {
            parameters.builders = BuilderMarket(
                count: int(builders["count"], 5),
                noise: number(builders["noise"], 0.1),
                auction: format(builders["auction"]),
                shade: number(builders["shade"], 0.05),
                skills: builders["skills"]?.list?.compactMap(\.number) ?? [])
        }
        if let buyers = tree["buyers"]?.list {
            parameters.buyers = buyers.map(decodeBuyer)
        }
        return parameters
    }

    private static func decodeValue(_ node: ConfigNode, directory: String, problems: inout ProblemList) -> ValueModel {
        let persistence = number(node["persistence"], 0)
        let mu = number(node["mu"], -2.975), sigma = number(node["sigma"], 0.85)
        let distribution: ValueDistribution
        switch node["distribution"]?.string {
        case "constant": distribution = .constant(number(node["value"], 0.1))
        case "uniform": distribution = .uniform(low: number(node["low"], 0), high: number(node["high"], 1))
        case "lognormal": distribution = .lognormal(mu: mu, sigma: sigma)
        case "empirical":
            let file = node["file"]?.string ?? ""
            switch EmpiricalFile.load(file: file, column: node["column"]?.string, directory: directory, field: "value.file") {
            case .success(let sample): distribution = .empirical(sample)
            case .failure(let failure):
                problems.add(failure.message, at: node["file"]?.mark ?? node.mark)
                return .mainnet
            }
        default:
            distribution = .lognormalPareto(mu: mu, sigma: sigma, tailQuantile: number(node["tail_quantile"], 0.95), alpha: number(node["alpha"], 1.2))
        }
        return ValueModel(distribution: distribution, persistence: persistence)
    }

    /// The registered mechanism the map names, decoded from its own declarations.
    private static func decodePricing(_ node: ConfigNode) -> Pricing {
        let mechanism = node["mechanism"]?.string.flatMap(MechanismRegistry.named) ?? MechanismRegistry.defaultMechanism
        return Pricing(mechanism.init(values: ConfigValues(node: node)))
    }

    private static func decodeBuyer(_ node: ConfigNode) -> BuyerClass {
        let beliefNode: ConfigNode? = node["belief"]
        let beliefName = beliefNode?.string ?? "exact"
        let belief: Belief = beliefName == "ewma" ? .ewma(halfLife: number(node["half_life"], 256)) : .exact
        let nameNode: ConfigNode? = node["name"]
        let capNode: ConfigNode? = node["max_tickets"]
        let cap: Int? = capNode == nil ? nil : int(capNode, Int.max)
        return BuyerClass(
            name: nameNode?.string ?? "default",
            count: int(node["count"], 1),
            extraction: number(node["extraction"], 0),
            discountPerSlot: BuyerClass.perSlotRate(annual: number(node["discount_rate"], 0.05)),
            riskAversion: number(node["risk_aversion"], 0),
            missRate: number(node["miss_rate"], 0),
            maxTickets: cap,
            maxBuyPerSlot: int(node["max_buy_per_slot"], 1),
            belief: belief)
    }

    private static func number(_ node: ConfigNode?, _ fallback: Double) -> Double {
        node?.number ?? fallback
    }

    /// The integer at `node`; never traps (the schema has already bounded it).
    private static func int(_ node: ConfigNode?, _ fallback: Int) -> Int {
        guard let x = node?.number, x.isFinite, abs(x) < 9e15, let n = Int(exactly: x) else { return fallback }
        return n
    }

    private static func format(_ node: ConfigNode?) -> AuctionFormat {
        node?.string.flatMap(AuctionFormat.init(rawValue:)) ?? .secondPrice
    }
}
