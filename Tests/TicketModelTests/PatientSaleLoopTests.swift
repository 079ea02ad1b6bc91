@testable import TicketModel
import XCTest

/// The sale loop with patient buyers (`sellToPatientBuyers`, `SaleSteps+Patient.swift`) against
/// the loop it replaces (`KernelOptions.patientVisitByVisit`: every visit tests every class and
/// the visited agent's rule): the same visits, order uniforms and purchases, so the same rows
/// and tickets, bit for bit, with horizons above 0 on every posted-price mechanism.
final class PatientSaleLoopTests: XCTestCase {
    /// An integrated builder, myopic lottery players and patient lottery players (some capped
    /// at 3 tickets held, so that visits to capped agents of a buying class occur), buying up to
    /// 2 tickets a slot.
    func setup(_ pricing: Pricing, tickets: TicketTerms, horizon: Int) -> SimulationSetup {
        var patient = BuyerClass(name: "patient", count: 12, discountPerSlot: BuyerClass.perSlotRate(annual: 0.03),
                                 riskAversion: -0.05, maxTickets: 3, maxBuyPerSlot: 2)
        patient.strategy = .patient(horizon: horizon)
        var params = ModelParameters(lookahead: 8, warmup: 300, pricing: pricing, buyers: [
            BuyerClass(name: "integrated", count: 1, extraction: 1, discountPerSlot: BuyerClass.perSlotRate(annual: 0.05)),
            BuyerClass(name: "lottery", count: 6, discountPerSlot: BuyerClass.perSlotRate(annual: 0.03), riskAversion: -0.05, maxBuyPerSlot: 2),
            patient,
        ])
        params.tickets = tickets
        return SimulationSetup(parameters: params, slots: 900, seed: 5, point: 1)
    }

    func rows(_ setup: SimulationSetup, visitByVisit: Bool, paths: Int = 6) -> (rows: [Double], tickets: [Double]) {
        let sim = BatchSimulator(
            setup: setup, batchCapacity: paths, beliefs: nil, ticketChunk: setup.slots,
            options: KernelOptions(patientVisitByVisit: visitByVisit))
        sim.run(firstReplication: 0, count: paths)
        var tickets: [Double] = []
        for p in 0..<paths {
            for m in 0..<MetricLayout.ticketMetricNames.count { tickets += sim.tickets(metric: m, path: p) }
        }
        return (Array(sim.pathRows[0 ..< paths * sim.layout.pathMetrics.count]), tickets)
    }

    func testFastLoopGivesTheVisitByVisitRowsBitForBit() {
        let pricings: [Pricing] = [
            .eip1559(EIP1559Pricing(target: .pool(16), quotient: 4, initialPrice: 0.1)),
            .eip1559(EIP1559Pricing(target: .sales(1), quotient: 8, initialPrice: 0.1)),
            .exponential(ExponentialPricing(targetPool: 16, quotient: 4, priceAtTarget: 0.05)),
            .fixed(price: 0.05),
        ]
        for pricing in pricings {
            for tickets in [TicketTerms(), TicketTerms(expiry: 40, refund: 0.3)] {
                let label = "\(pricing.mechanismName), expiry \(tickets.expiry.map(String.init) ?? "none")"
                let s = setup(pricing, tickets: tickets, horizon: 6)
                let fast = rows(s, visitByVisit: false)
                let reference = rows(s, visitByVisit: true)
                // Bit patterns, so that NaN cells compare too.
                XCTAssertEqual(fast.rows.map(\.bitPattern), reference.rows.map(\.bitPattern), label)
                XCTAssertEqual(fast.tickets.map(\.bitPattern), reference.tickets.map(\.bitPattern), label)
                XCTAssertGreaterThan(fast.tickets.count, 0, "\(label): tickets were sold")
                // The rule is exercised: patience changes the market (horizon 0 is myopic).
                let myopic = rows(setup(pricing, tickets: tickets, horizon: 0), visitByVisit: false)
                XCTAssertNotEqual(fast.rows.map(\.bitPattern), myopic.rows.map(\.bitPattern), "\(label): patience changed nothing")
            }
        }
    }
}
