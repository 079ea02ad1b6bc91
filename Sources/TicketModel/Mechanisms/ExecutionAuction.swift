/// No pool and no lottery: at slot `t` the right to slot `t + lead` is sold outright.
public struct ExecutionAuction: PricingMechanism {
    public static let name = "execution-auction"
    public static let doc = "no pool: the right to slot `t + lead` is sold outright at slot `t`"
    public static let leadParameter = ParameterSpec(
        "lead", .integer(low: 0, high: ParameterBounds.maxDelay), .defaulted(.number(32)),
        "slots between the sale and the slot sold (at most 100000: every path keeps a slot of memory per slot of lead)")
    public static let parameters = [leadParameter] + SealedBid.parameters
    public static let usesPool = false

    public var lead: Int
    public var bidding: SealedBid

    public init(lead: Int = Int(ExecutionAuction.leadParameter.declaredNumber), bidding: SealedBid = SealedBid()) {
        self.lead = lead
        self.bidding = bidding
    }

    public init(lead: Int = Int(ExecutionAuction.leadParameter.declaredNumber), format: AuctionFormat, shade: Double = ParameterSpec.shade.declaredNumber) {
        self.init(lead: lead, bidding: SealedBid(format: format, shade: shade))
    }

    public init(values: some ParameterValues) {
        self.init(lead: values.int(Self.leadParameter), bidding: SealedBid(values: values))
    }

    /// Second price: the second-highest agent bid for a slot `lead` slots ahead.
    public func equilibriumBenchmark(_ parameters: ModelParameters, valuations: BenchmarkValuations) -> MechanismBenchmark? {
        guard bidding.hasBenchmark else { return nil }
        return valuations.kthBid(supply: 1) { valuations.outright($0, lead: lead) }
    }

    /// The lead, whatever the lookahead.
    public func delay(lookahead: Int) -> Int { lead }

    public func assignAtDraw(_ market: BatchSimulator, _ slot: SlotContext) -> Double {
        market.sellSlotOutright(slot, rule: self)
    }
}

extension Pricing {
    public static func executionAuction(_ rule: ExecutionAuction) -> Pricing { Pricing(rule) }
}

extension BatchSimulator {
    /// At slot `t` the right to slot `t + lead` goes to the best bid `pi (1+d)^-m - a/2 (1+d)^-2m Var R`
    /// (a random agent of the best class below its cap). Second price: it pays the next-best bid
    /// (its own class's when another agent of the class is below its cap). First price: its shaded
    /// bid. No positive bid leaves the slot empty. Returns the price paid (0 when unsold).
    func sellSlotOutright(_ c: SlotContext, rule: ExecutionAuction) -> Double {
        let p = c.path, t = c.slot, replication = c.replication
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(state.classes, 1)) { bids in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(state.classes, 1)) { rank in
                for k in 0..<state.classes { bids[k] = valuations[k].outright(lead: rule.lead, belief: belief(p, k)) }
                rankClasses(bids.baseAddress!, into: rank.baseAddress!)
                var draw = 0
                var winner = -1
                var winnerClass = -1
                var second = 0.0
                for r in 0..<state.classes {
                    let k = rank[r]
                    guard bids[k] > 0 else { break }
                    if winner < 0 {
                        winner = randomAgent(p, ofClass: k, slot: t, replication: replication, draw: &draw)
                        if winner >= 0 {
                            winnerClass = k
                            if randomAgent(p, ofClass: k, slot: t, replication: replication, draw: &draw, skip: 1) >= 0 {
                                second = bids[k]
                                break
                            }
                        }
                    } else if randomAgent(p, ofClass: k, slot: t, replication: replication, draw: &draw) >= 0 {
                        second = bids[k]
                        break
                    }
                }
                let target = state.ringIndex(path: p, entry: (t + rule.lead) % state.ringLength)
                guard winner >= 0 else {
                    state.ringAgent[target] = -1
                    return 0
                }
                let price = rule.bidding.price(bid: bids[winnerClass], losing: second)
                assignOutright(p, agent: winner, price: price, ring: target, slot: t, measured: c.measured)
                return price
            }
        }
    }
}
