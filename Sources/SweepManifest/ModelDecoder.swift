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

    /// Decodes a tree that passed the schema; a missing value falls back to the default its
    /// model type declares.
    private static func decodeFilled(_ tree: ConfigNode, directory: String, problems: inout ProblemList) -> ModelParameters {
        var parameters = ModelParameters()
        let model = ConfigValues(node: tree)
        if let value = tree["value"] {
            parameters.value = decodeValue(value, directory: directory, problems: &problems)
        }
        parameters.lookahead = model.int(ModelParameters.lookaheadParameter)
        parameters.warmup = tree[ModelParameters.warmupParameter.name].flatMap { $0.number.flatMap { Int(exactly: $0) } }
        if let pricing = tree["pricing"] {
            parameters.pricing = decodePricing(pricing)
            parameters.maxSalesPerSlot = ConfigValues(node: pricing).int(ModelParameters.maxSalesPerSlotParameter)
        }
        if let builders = tree["builders"] {
            let b = ConfigValues(node: builders)
            parameters.builders = BuilderMarket(
                count: b.int(BuilderMarket.countParameter),
                noise: b.number(BuilderMarket.noiseParameter),
                auction: b.format(BuilderMarket.auctionParameter),
                shade: builders[BuilderMarket.shadeParameter.name]?.number ?? ParameterSpec.shade.declaredNumber,
                skills: builders[BuilderMarket.skillsParameter.name]?.list?.compactMap(\.number) ?? [],
                equilibriumShade: builders[BuilderMarket.shadeParameter.name]?.string == "equilibrium")
        }
        if let market = tree["secondary_market"] {
            parameters.secondaryMarket = SecondaryMarket(values: ConfigValues(node: market))
        }
        if let buyers = tree["buyers"]?.list {
            parameters.buyers = buyers.map(decodeBuyer)
        }
        if let tickets = tree["tickets"] {
            parameters.tickets = TicketTerms(values: ConfigValues(node: tickets))
        }
        return parameters
    }

    private static func decodeValue(_ node: ConfigNode, directory: String, problems: inout ProblemList) -> ValueModel {
        let v = ConfigValues(node: node)
        let persistence = v.number(ValueModel.persistenceParameter)
        let premium = v.number(ValueModel.multiBlockPremiumParameter)
        let mu = v.number(ValueModel.muParameter), sigma = v.number(ValueModel.sigmaParameter)
        let distribution: ValueDistribution
        switch node["distribution"]?.string {
        case "constant": distribution = .constant(v.number(ValueModel.constantParameter))
        case "uniform": distribution = .uniform(low: v.number(ValueModel.lowParameter), high: v.number(ValueModel.highParameter))
        case "lognormal": distribution = .lognormal(mu: mu, sigma: sigma)
        case "empirical":
            let fileKey = ValueModel.fileParameter.name
            let file = node[fileKey]?.string ?? ""
            switch EmpiricalFile.load(file: file, column: v.string(ValueModel.columnParameter.name), directory: directory, field: "value.file") {
            case .success(let sample): distribution = .empirical(sample)
            case .failure(let failure):
                problems.add(failure.message, at: node[fileKey]?.mark ?? node.mark)
                return .mainnet
            }
        default:
            distribution = .lognormalPareto(LognormalPareto(
                mu: mu, sigma: sigma, tailQuantile: v.number(ValueModel.tailQuantileParameter), alpha: v.number(ValueModel.alphaParameter),
                max: v.number(ValueModel.maxParameter)))
        }
        return ValueModel(distribution: distribution, persistence: persistence, multiBlockPremium: premium)
    }

    /// The registered mechanism the map names, decoded from its own declarations.
    private static func decodePricing(_ node: ConfigNode) -> Pricing {
        let mechanism = node["mechanism"]?.string.flatMap(MechanismRegistry.named) ?? MechanismRegistry.defaultMechanism
        return Pricing(mechanism.init(values: ConfigValues(node: node)))
    }

    private static func decodeBuyer(_ node: ConfigNode) -> BuyerClass {
        var buyer = decodeMyopicBuyer(node)
        if node[BuyerClass.strategyParameter.name]?.string == "patient" {
            buyer.strategy = .patient(horizon: ConfigValues(node: node).int(BuyerClass.horizonParameter, fallback: 0))
        }
        return buyer
    }

    private static func decodeMyopicBuyer(_ node: ConfigNode) -> BuyerClass {
        let b = ConfigValues(node: node)
        let belief: Belief = b.string(BuyerClass.beliefParameter.name) == "ewma" ? .ewma(halfLife: b.number(BuyerClass.halfLifeParameter)) : .exact
        let cap: Int? = b.has(BuyerClass.maxTicketsParameter.name) ? b.int(BuyerClass.maxTicketsParameter, fallback: Int.max) : nil
        return BuyerClass(
            name: b.string(BuyerClass.nameParameter.name) ?? "default",
            count: b.int(BuyerClass.countParameter),
            extraction: b.number(BuyerClass.extractionParameter),
            discountPerSlot: BuyerClass.perSlotRate(annual: b.number(BuyerClass.discountRateParameter)),
            riskAversion: b.number(BuyerClass.riskAversionParameter),
            missRate: b.number(BuyerClass.missRateParameter),
            maxTickets: cap,
            maxBuyPerSlot: b.int(BuyerClass.maxBuyPerSlotParameter),
            belief: belief,
            prior: node[BuyerClass.priorParameter.name]?.entries == nil ? nil : PayoffBelief(
                mean: node[BuyerClass.priorParameter.name]?[BuyerClass.priorMeanParameter.name]?.number ?? 0,
                variance: node[BuyerClass.priorParameter.name]?[BuyerClass.priorVarianceParameter.name]?.number ?? 0))
    }
}
