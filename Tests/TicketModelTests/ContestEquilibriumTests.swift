import XCTest
@testable import TicketModel

/// The Tullock contest's equilibrium spends (`ContestEquilibrium.spend`) against closed forms and
/// against the equilibrium's own first-order conditions.
final class ContestEquilibriumTests: XCTestCase {
    /// Two agents of values 8 and 1: `B = 1 / (1/8 + 1) = 8/9`, spends `B (1 - B/v)` = 64/81 and
    /// 8/81, so the first wins 8/9 of the slots. (Iterated best responses diverged here.)
    func testTwoUnequalAgentsInClosedForm() {
        let b = ContestEquilibrium.spend(values: [8, 1], counts: [1, 1])
        XCTAssertEqual(b[0], 64.0 / 81, accuracy: 1e-15)
        XCTAssertEqual(b[1], 8.0 / 81, accuracy: 1e-15)
        XCTAssertEqual(b[0] / (b[0] + b[1]), 8.0 / 9, accuracy: 1e-15)
    }

    /// `n` identical agents of value `v`: each spends `v (n - 1) / n^2`.
    func testSymmetricAgents() {
        for n in [2, 3, 7] {
            let b = ContestEquilibrium.spend(values: [2.5], counts: [n])
            XCTAssertEqual(b[0], 2.5 * Double(n - 1) / Double(n * n), accuracy: 1e-15, "n = \(n)")
        }
    }

    /// Values 3, 2 and 1: the two highest spend `B = 6/5`, so the agent of value 1 <= B stays out;
    /// spends 0.72 and 0.48.
    func testALowValueAgentStaysOut() {
        let b = ContestEquilibrium.spend(values: [1, 3, 2], counts: [1, 1, 1])
        XCTAssertEqual(b[0], 0)
        XCTAssertEqual(b[1], 0.72, accuracy: 1e-15)
        XCTAssertEqual(b[2], 0.48, accuracy: 1e-15)
    }

    /// Classes of several agents, values far apart: every active agent's marginal payoff
    /// `v O / (b + O)^2 - 1` is 0 given the others' total `O`, and every inactive agent's
    /// `v / O - 1` is at most 0 (the Nash conditions, checked directly).
    func testFirstOrderConditionsHold() {
        let cases: [([Double], [Int])] = [
            ([10, 1], [1, 3]), ([50, 1, 0.5], [1, 1, 4]), ([1, 1.5, 40, 3], [2, 1, 1, 5]), ([100, 1], [2, 1]),
        ]
        for (values, counts) in cases {
            let b = ContestEquilibrium.spend(values: values, counts: counts)
            let total = zip(b, counts).reduce(0.0) { $0 + $1.0 * Double($1.1) }
            for k in values.indices {
                let others = total - b[k]
                if b[k] > 0 {
                    XCTAssertEqual(values[k] * others / (total * total), 1, accuracy: 1e-12, "\(values), class \(k)")
                } else {
                    XCTAssertLessThanOrEqual(values[k] / others, 1 + 1e-12, "\(values), class \(k) stays out")
                }
            }
        }
    }

    /// No rival: a lone agent of positive value gets the token spend; agents of value 0 spend 0.
    func testLoneAndWorthlessAgents() {
        XCTAssertEqual(ContestEquilibrium.spend(values: [2, 0], counts: [1, 3]), [2e-3, 0])
        XCTAssertEqual(ContestEquilibrium.spend(values: [0, 0], counts: [1, 1]), [0, 0])
    }
}
