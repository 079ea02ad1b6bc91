@testable import TicketModel
import XCTest

/// `walkToBuyer` (`SaleSteps+Patient.swift`) draws, for the visits of a patient sale up to the
/// next agent of a buying class, their number, their classes and that agent, instead of visiting
/// agents one by one. Its law against the exact one of the visit-by-visit loop (each visit a
/// uniformly random agent not yet served): with `R` agents left, `B` of them in buying classes,
///
/// - `P(W = w) = prod_(j < w) (R - B - j) / (R - j) * B / (R - w)` for the waiting visits `W`;
/// - each waiting visit's class `k` with probability `R_k / (R - B)` (so `E[served_k] = E[W] R_k / (R - B)`);
/// - the buying agent's class `k` with probability `R_k / B`, the agent uniform in its class.
///
/// 40,000 walks from the same state on different replications (fixed seed); each frequency within
/// 4 SE of its probability (`sqrt(p (1 - p) / N)`), each mean within 4 SE.
final class PatientWalkTests: XCTestCase {
    /// Classes of 3, 6 and 4 agents with 2, 1 and 2 already served; `buying` says which buy.
    func walks(buying: [Int32], count: Int = 40_000) -> (passed: [Int], buyerClass: [Int], buyer: [Int], served: [[Int]]) {
        let classes = [("a", 3), ("b", 6), ("c", 4)].map { name, n in
            var c = BuyerClass(name: name, count: n, discountPerSlot: BuyerClass.perSlotRate(annual: 0.03))
            c.strategy = .patient(horizon: 4)
            return c
        }
        let params = ModelParameters(lookahead: 8, warmup: 10, pricing: .fixed(price: 0.05), buyers: classes)
        let sim = BatchSimulator(setup: SimulationSetup(parameters: params, slots: 20, seed: 17, point: 0), batchCapacity: 1)
        sim.run(firstReplication: 0, count: 1)  // the order as a batch leaves it (each class in its segment)
        let width = PatientDecisions.scratchCount(classes: 3)
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: width)
        let forecast = UnsafeMutablePointer<Double>.allocate(capacity: 8)
        defer {
            scratch.deallocate()
            forecast.deallocate()
        }
        let startServed: [Int32] = [2, 1, 2]
        var result: (passed: [Int], buyerClass: [Int], buyer: [Int], served: [[Int]]) = ([], [], [], [])
        for r in 0..<count {
            var decisions = PatientDecisions(forecast: forecast, scratch: scratch, classes: 3)
            for k in 0..<3 {
                decisions.served[k] = startServed[k]
                decisions.buying[k] = buying[k]
            }
            let context = SlotContext(path: 0, slot: r % 7, replication: UInt32(r), measured: true)
            var i = Int(startServed.reduce(0, +))
            let before = i
            let (a, k) = sim.walkToBuyer(context, position: &i, decisions: &decisions)
            result.passed.append(i - before - 1)
            result.buyerClass.append(k)
            result.buyer.append(a)
            result.served.append((0..<3).map { Int(decisions.served[$0] - startServed[$0]) })
            XCTAssertEqual(sim.agentClass[a], k, "the agent is of the class returned")
        }
        return result
    }

    func check(frequency hits: Int, of n: Int, probability p: Double, _ label: String) {
        let se = (p * (1 - p) / Double(n)).squareRoot()
        XCTAssertEqual(Double(hits) / Double(n), p, accuracy: 4 * se + 1e-12, label)
    }

    func checkLaw(buying: [Int32]) {
        let counts = [3, 6, 4], served = [2, 1, 2]
        let left = zip(counts, served).map { $0 - $1 }
        let r = left.reduce(0, +), b = zip(left, buying).filter { $1 != 0 }.map(\.0).reduce(0, +)
        let waiting = r - b
        let w = walks(buying: buying)
        let n = w.passed.count
        // The number of waiting visits.
        var survival = 1.0, meanW = 0.0
        for k in 0...waiting {
            let p = survival * Double(b) / Double(r - k)
            check(frequency: w.passed.filter { $0 == k }.count, of: n, probability: p, "P(W = \(k)), buying \(buying)")
            meanW += Double(k) * p
            survival *= Double(waiting - k) / Double(r - k)
        }
        // The waiting visits' classes: served_k moves by W R_k / (R - B) on average, and by no
        // more than R_k.
        for k in 0..<3 where buying[k] == 0 {
            let moved = w.served.map { $0[k] }
            let expected = meanW * Double(left[k]) / Double(waiting)
            let mean = Double(moved.reduce(0, +)) / Double(n)
            let sd = (moved.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
            XCTAssertEqual(mean, expected, accuracy: 4 * sd / Double(n).squareRoot(), "E[served \(k)], buying \(buying)")
            XCTAssertLessThanOrEqual(moved.max() ?? 0, left[k], "class \(k) passes at most its unserved agents")
        }
        // The buying agent: class by the unserved counts, then uniform among the class's agents.
        var first = 0
        for k in 0..<3 {
            if buying[k] != 0 {
                check(frequency: w.buyerClass.filter { $0 == k }.count, of: n, probability: Double(left[k]) / Double(b), "class \(k) buys, buying \(buying)")
                let ofClass = w.buyer.enumerated().filter { w.buyerClass[$0.offset] == k }.map(\.element)
                for agent in first ..< first + counts[k] {
                    check(frequency: ofClass.filter { $0 == agent }.count, of: ofClass.count, probability: 1 / Double(counts[k]), "agent \(agent)")
                }
                XCTAssertEqual(w.served.map { $0[k] }.filter { $0 != 0 && $0 != 1 }.count, 0, "the buyer's class moves by its pick")
            } else {
                XCTAssertEqual(w.buyerClass.filter { $0 == k }.count, 0, "a waiting class never buys")
            }
            first += counts[k]
        }
    }

    /// One unserved buying agent among eight (`W` uniform on `0 ..< R`), two waiting classes
    /// (their split, one uniform a waiting visit).
    func testOneBuyingAgentAndTwoWaitingClasses() { checkLaw(buying: [1, 0, 0]) }

    /// Two unserved buying agents (the survival function's product), two waiting classes.
    func testTwoBuyingAgentsAndTwoWaitingClasses() { checkLaw(buying: [0, 0, 1]) }

    /// Two buying classes (the class by its unserved count), one waiting.
    func testTwoBuyingClassesAndOneWaiting() { checkLaw(buying: [1, 1, 0]) }
}
