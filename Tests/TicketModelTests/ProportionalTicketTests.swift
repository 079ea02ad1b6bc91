import SweepTestSupport
import TicketModel
import XCTest

/// The proportional contest's tickets (MODEL.md sections 5 and 9, check 3): every agent's spend
/// in a slot is a ticket, a losing one returning `-b`, so that `n` symmetric risk-neutral agents
/// of value `v` have a mean ticket return of `v / n^2` (the equilibrium spend is `b = v (n-1) /
/// n^2`, from the contest's first-order condition: `scripts/references/markets_a.py`).
final class ProportionalTicketTests: XCTestCase {
    let exactBuilders = BuilderMarket(count: 3, noise: 0, auction: .secondPrice)

    func contest(agents n: Int, value: ValueDistribution) -> ModelParameters {
        ModelParameters(
            value: ValueModel(distribution: value), lookahead: 0, pricing: .proportional, builders: exactBuilders,
            buyers: [BuyerClass(name: "crowd", count: n, discountPerSlot: 0)])
    }

    /// Constant V = 1 (v = 1): every contest has one winning ticket (return `1 - b`) and `n - 1`
    /// losing ones (`-b`), so the mean is `v / n^2` exactly: 0.1111111111111111 (n = 3) and
    /// 0.0625 (n = 4), to 1e-12; `n` tickets a slot, every losing one at `-b` with `b` =
    /// 0.2222222222222222 and 0.1875.
    func testMeanTicketReturnOfSymmetricAgentsIsExact() {
        for (n, mean, spend) in [(3, 0.1111111111111111, 0.2222222222222222), (4, 0.0625, 0.1875)] {
            let slots = 300
            let run = ModelRun(SimulationSetup(parameters: contest(agents: n, value: .constant(1)), slots: slots, seed: 6, point: 0), paths: 2, keepTickets: true, ticketsPerSlot: n)
            XCTAssertEqual(run.tickets.count, 2 * n * slots, "n = \(n): one ticket per agent and contest")
            let returns = run.tickets.map { $0.payoff - $0.price }
            XCTAssertEqual(returns.reduce(0, +) / Double(returns.count), mean, accuracy: 1e-12, "n = \(n)")
            let losers = run.tickets.filter { $0.payoff == 0 }
            XCTAssertEqual(losers.count, 2 * (n - 1) * slots, "n = \(n)")
            for t in losers { XCTAssertEqual(t.payoff - t.price, -spend, accuracy: 1e-12) }
        }
    }

    /// V ~ U(0, 1) sold for exactly V (v = E[V] = 1/2, n = 4): the mean ticket return is
    /// `v / n^2 = 0.03125` within 3 SE of per-path means (64 paths of 500 slots); the winner's
    /// payoff varies, the spends do not. Check 3's revenue `(n - 1)/n v` per slot, 0.375, holds
    /// exactly (the spends are the equilibrium's, whatever the slot's value).
    func testMeanTicketReturnOfSymmetricAgentsWithRandomValues() {
        let slots = 500, paths = 64
        let run = ModelRun(SimulationSetup(parameters: contest(agents: 4, value: .uniform(low: 0, high: 1)), slots: slots, seed: 17, point: 0),
                           paths: paths, keepTickets: true, ticketsPerSlot: 4)
        XCTAssertEqual(run.tickets.count, 4 * slots * paths, "every spend is a ticket")
        var sum = [Double](repeating: 0, count: paths), count = sum
        for t in run.tickets {
            sum[t.path] += t.payoff - t.price
            count[t.path] += 1
        }
        let mean = meanAndSE(zip(sum, count).map { $0 / $1 })
        XCTAssertEqual(mean.mean, 0.03125, accuracy: 3 * mean.se)
        XCTAssertLessThan(mean.se, 0.002, "the test can tell v/n^2 from v/n^2 +- 0.006")
        for r in run.column("protocol_revenue") { XCTAssertEqual(r / Double(slots), 0.375, accuracy: 1e-12) }
    }
}
