import SweepRandom
@testable import TicketModel
import XCTest

/// The order-statistic draw of the two best builder signals (`BuilderAuction.outcome(
/// orderStatistics:_:)`, two uniforms a slot) against the draw it replaced (`outcome(topUniform:
/// nextUniform:)` on the two largest of `B` uniforms, `SignalDraw.everySignal`) and against the
/// closed form: the best factor's and the second-price payment's distributions agree at every
/// quantile the tables report (`outputs.quantiles`' default).
///
/// References: the quantiles `x_q` of the best factor (signal CDF `Phi^B`) and of the payment
/// (`Phi^B + B Phi^(B-1) (1 - Phi)`), noise 0.1, by `scripts/references/
/// builder_order_statistics.py` (mpmath, 30 digits). Statistics: with `n` draws the empirical CDF
/// at `x_q` has SE `sqrt(q (1 - q) / n)`; each draw must lie within 3 SE of `q`, and the two draws
/// (independent slots of the signal stream) within 3 SE of each other (`sqrt(2 q (1 - q) / n)`).
/// Fixed seed; 56 comparisons at 3 SE.
final class BuilderOrderStatisticDrawTests: XCTestCase {
    static let levels = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
    static let references: [Int: (best: [Double], payment: [Double])] = [
        2: ([0.87532926849876364, 0.92218736750871139, 0.99501247919268231, 1.0507405628979523, 1.1115770472438341,
             1.2097948898527606, 1.2872345345757335],
            [0.76912932892643678, 0.81836172565554743, 0.89067135400466036, 0.94224004355423505, 0.99501247919268231,
             1.0735885879935518, 1.1310598986906451]),
        5: ([0.96964529254407253, 1.0074116474726553, 1.067098182928272, 1.1139360716296904, 1.1664959727739326,
             1.254664142189057, 1.3266931114373761],
            [0.92171305346592677, 0.95548136344412426, 1.0065318368081485, 1.044468240703669, 1.0848167133887219,
             1.1479100768179151, 1.1963507562976858]),
    ]

    /// `n` outcomes of one slot across replications `0 ..< n`, by the new draw or the old one.
    func outcomes(_ auction: BuilderAuction, orderStatistics: Bool, n: Int, slot: UInt32) -> (best: [Double], payment: [Double]) {
        let stream = RandomStream(seed: 2024, stream: RandomStreamID.signal.rawValue)
        var first = [Double](repeating: 0, count: n), second = [Double](repeating: 0, count: n)
        first.withUnsafeMutableBufferPointer { a in
            second.withUnsafeMutableBufferPointer { b in
                if orderStatistics {
                    stream.fillPairsAcrossReplications(
                        first: a.baseAddress!, second: b.baseAddress!, stride: 1, count: n, point: 0, firstReplication: 0, slot: slot, index: 0)
                } else {
                    stream.fillTopTwoAcrossReplications(
                        top: a.baseAddress!, next: b.baseAddress!, uniformsPerPath: auction.count, count: n, point: 0,
                        firstReplication: 0, slot: slot)
                }
            }
        }
        var best: [Double] = [], payment: [Double] = []
        for i in 0..<n {
            let o = orderStatistics
                ? auction.outcome(orderStatistics: first[i], second[i]) : auction.outcome(topUniform: first[i], nextUniform: second[i])
            best.append(o.best)
            payment.append(o.payment)
        }
        return (best, payment)
    }

    func fraction(_ x: [Double], atMost bound: Double) -> Double {
        Double(x.lazy.filter { $0 <= bound }.count) / Double(x.count)
    }

    func testPaymentAndBestFactorDistributionsUnchangedAtTheTablesQuantiles() {
        let n = 200_000
        for builders in [2, 5] {
            let auction = BuilderAuction(BuilderMarket(count: builders, noise: 0.1, auction: .secondPrice))
            let new = outcomes(auction, orderStatistics: true, n: n, slot: 1)
            let old = outcomes(auction, orderStatistics: false, n: n, slot: 2)
            let reference = Self.references[builders]!
            for (name, a, b, xs) in [("best", new.best, old.best, reference.best), ("payment", new.payment, old.payment, reference.payment)] {
                for (q, x) in zip(Self.levels, xs) {
                    let se = (q * (1 - q) / Double(n)).squareRoot()
                    let fNew = fraction(a, atMost: x), fOld = fraction(b, atMost: x)
                    let label = "B = \(builders), \(name), q = \(q)"
                    XCTAssertEqual(fNew, q, accuracy: 3 * se, "order-statistic draw, \(label)")
                    XCTAssertEqual(fOld, q, accuracy: 3 * se, "every-signal draw, \(label)")
                    XCTAssertEqual(fNew, fOld, accuracy: 3 * se * 2.0.squareRoot(), "new against old, \(label)")
                }
            }
        }
    }

    /// One builder: the best factor is the builder's own (`Phi^-1(v1)` as signal, so the draw is
    /// `Phi^-1(1 - (1 - v1))`), and the second price pays 0.
    func testOneBuilderPaysNothingAndKeepsItsSignal() {
        let auction = BuilderAuction(BuilderMarket(count: 1, noise: 0.1, auction: .secondPrice))
        for v in [1e-9, 0.01, 0.3, 0.5, 0.9, 1 - 1e-9] {
            let o = auction.outcome(orderStatistics: v, 0.5)
            XCTAssertEqual(o.payment, 0)
            XCTAssertEqual(o.best, auction.outcome(topUniform: v, nextUniform: -.infinity).best, accuracy: 1e-14 * o.best)
        }
    }

    /// The kernel under `SignalDraw.orderStatistics` draws the builders from the new law (other
    /// proposer revenue on every path) and leaves the other streams alone (the same values).
    func testKernelOptionSwitchesOnlyTheBuilderDraw() {
        var params = ModelParameters()
        params.buyers = [BuyerClass(name: "lottery", count: 5)]
        let setup = SimulationSetup(parameters: params, slots: 300, seed: 3, point: 0)
        let new = BatchSimulator(setup: setup, batchCapacity: 4, beliefs: nil, ticketChunk: 256, options: KernelOptions(signalDraw: .orderStatistics))
        let old = BatchSimulator(setup: setup, batchCapacity: 4)
        old.run(firstReplication: 0, count: 4)
        new.run(firstReplication: 0, count: 4)
        let column = old.layout.pathMetrics.firstIndex(of: "proposer_revenue")!
        let m = old.layout.pathMetrics.count
        let value = old.layout.pathMetrics.firstIndex(of: "value_total")!
        for p in 0..<4 {
            XCTAssertEqual(old.pathRows[p * m + value], new.pathRows[p * m + value], "the values are not the builders' stream")
            XCTAssertNotEqual(old.pathRows[p * m + column], new.pathRows[p * m + column])
        }
    }
}
