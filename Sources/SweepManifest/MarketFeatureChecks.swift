import TicketModel

/// The rules between the model's market features and its mechanism (MODEL.md section 5), as
/// cross checks of the `base` map, so that a point of a sweep that breaks one is refused with
/// its line: ticket expiry needs a pool (`TicketTerms.problem`), patient buyers a posted price
/// with a forecast (`BuyerClass.strategyProblem`).
enum MarketFeatureChecks {
    /// The mechanism a checked `pricing` map names (the default one when it names none).
    static func mechanism(_ fields: [String: ConfigNode]) -> (any PricingMechanism.Type)? {
        guard let name = fields["pricing"]?["mechanism"]?.string else { return MechanismRegistry.defaultMechanism }
        return MechanismRegistry.named(name)
    }

    static let expiryNeedsPool = CrossCheck(doc: "`tickets.expiry` only with a mechanism that has a pool", keys: ["pricing", "tickets"]) { path, f in
        guard let expiry = f["tickets"]?["expiry"], expiry.number != nil, let mechanism = mechanism(f),
              let problem = TicketTerms.problem(expiry: true, mechanism: mechanism) else { return nil }
        return "\(Wording.join(path, "tickets.expiry")): \(problem)"
    }

    static let patienceNeedsPostedPrice = CrossCheck(
        doc: "`strategy: patient` only with a posted-price mechanism (`fixed`, `eip1559`, `exponential`)", keys: ["pricing", "buyers"]
    ) { path, f in
        guard let buyers = f["buyers"]?.list, let mechanism = mechanism(f) else { return nil }
        for (i, buyer) in buyers.enumerated() where buyer["strategy"]?.string == "patient" {
            guard let problem = BuyerClass.strategyProblem(patient: true, mechanism: mechanism) else { return nil }
            let name = buyer["name"]?.string.map { "[\($0)]" } ?? "[\(i)]"
            return "\(Wording.join(path, "buyers"))\(name).strategy: \(problem)"
        }
        return nil
    }

    static let all = [expiryNeedsPool, patienceNeedsPostedPrice]
}
