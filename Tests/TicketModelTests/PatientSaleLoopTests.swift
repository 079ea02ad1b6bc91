@testable import TicketModel
import XCTest

/// The sale loop with patient buyers (`sellToPatientBuyers`, `SaleSteps+Patient.swift`) against
/// the loop it replaces (`KernelOptions.patientVisitByVisit`: a Fisher–Yates step a visit, every
/// visit testing every class and the visited agent's rule). The fast loop skips the waiting visits
/// by drawing their number and classes and the next buying agent directly, so it has the same law
/// with other random numbers: every per-path metric's mean over many paths agrees within 4 SE of
/// the difference, with horizons above 0 on every posted-price mechanism, with and without expiry.
final class PatientSaleLoopTests: XCTestCase {
    /// An integrated builder, myopic lottery players and patient lottery players (some capped
    /// at 3 tickets held, so that visits to capped agents of a buying class occur), buying up to
    /// 2 tickets a slot: two or three classes wait at once in many slots.
    func setup(_ pricing: Pricing, tickets: TicketTerms, horizon: Int) -> SimulationSetup {
        var patient = BuyerClass(name: "patient", count: 12, discountPerSlot: BuyerClass.perSlotRate(annual: 0.03),
                                 riskAversion: -0.05, maxTickets: 3, maxBuyPerSlot: 2)
        patient.strategy = .patient(horizon: horizon)
        var params = ModelParameters(lookahead: 8, warmup: 100, pricing: pricing, buyers: [
            BuyerClass(name: "integrated", count: 1, extraction: 1, discountPerSlot: BuyerClass.perSlotRate(annual: 0.05)),
            BuyerClass(name: "lottery", count: 6, discountPerSlot: BuyerClass.perSlotRate(annual: 0.03), riskAversion: -0.05, maxBuyPerSlot: 2),
            patient,
        ])
        params.tickets = tickets
        return SimulationSetup(parameters: params, slots: 300, seed: 5, point: 1)
    }

    /// Each path metric's values over `paths` paths (batches of 64), metric-major.
    func metrics(_ setup: SimulationSetup, visitByVisit: Bool, paths: Int) -> [[Double]] {
        let batch = 64
        let sim = BatchSimulator(
            setup: setup, batchCapacity: batch, beliefs: nil, ticketChunk: 256, options: KernelOptions(patientVisitByVisit: visitByVisit))
        let width = sim.layout.pathMetrics.count
        var columns = Array(repeating: [Double](), count: width)
        for first in stride(from: 0, to: paths, by: batch) {
            sim.run(firstReplication: first, count: batch)
            for p in 0..<batch {
                for m in 0..<width { columns[m].append(sim.pathRows[p * width + m]) }
            }
        }
        return columns
    }

    func testFastLoopHasTheVisitByVisitLaw() {
        let pricings: [Pricing] = [
            .eip1559(EIP1559Pricing(target: .pool(16), quotient: 4, initialPrice: 0.1)),
            .eip1559(EIP1559Pricing(target: .sales(1), quotient: 8, initialPrice: 0.1)),
            .exponential(ExponentialPricing(targetPool: 16, quotient: 4, priceAtTarget: 0.05)),
            .fixed(price: 0.05),
        ]
        var compared = 0
        for pricing in pricings {
            for tickets in [TicketTerms(), TicketTerms(expiry: 40, refund: 0.3)] {
                let label = "\(pricing.mechanismName), expiry \(tickets.expiry.map(String.init) ?? "none")"
                let s = setup(pricing, tickets: tickets, horizon: 6)
                let names = BatchSimulator(setup: s, batchCapacity: 1).layout.pathMetrics
                let fast = metrics(s, visitByVisit: false, paths: 768)
                let reference = metrics(s, visitByVisit: true, paths: 768)
                XCTAssertTrue(
                    fast.joined().map(\.bitPattern) != reference.joined().map(\.bitPattern), "\(label): the two loops draw different numbers")
                for m in names.indices {
                    let a = fast[m].filter(\.isFinite), b = reference[m].filter(\.isFinite)
                    guard a.count > 100 && b.count > 100 else { continue }
                    func meanAndVariance(_ x: [Double]) -> (Double, Double) {
                        let mean = x.reduce(0, +) / Double(x.count)
                        return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1))
                    }
                    let (ma, va) = meanAndVariance(a), (mb, vb) = meanAndVariance(b)
                    let se = (va / Double(a.count) + vb / Double(b.count)).squareRoot()
                    if se == 0 {
                        XCTAssertEqual(ma, mb, accuracy: 1e-12 * max(1, abs(mb)), "\(label): \(names[m]) (no spread)")
                    } else {
                        XCTAssertLessThan(abs(ma - mb), 4 * se, "\(label): \(names[m]) \(ma) against \(mb), SE of the difference \(se)")
                    }
                    compared += 1
                }
                // The rule is exercised: patience changes the market (horizon 0 is myopic).
                let myopic = metrics(setup(pricing, tickets: tickets, horizon: 0), visitByVisit: false, paths: 64)
                XCTAssertTrue(
                    myopic.map { $0.prefix(64).map(\.bitPattern) } != fast.map { $0.prefix(64).map(\.bitPattern) }, "\(label): patience changed nothing")
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }
}
