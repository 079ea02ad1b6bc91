import SweepMath
import SweepRandom
import XCTest

@testable import TicketModel

/// The resale price `max(exp(second), exp(own))` (`ResaleStep.swift`) is taken with one `exp`
/// where the two log prices are more than 2^-20 apart; it must be bit for bit the price of both
/// exponentials, on both sides of that gap, at ties and without a second bid.
final class ResalePriceTests: XCTestCase {
    func testOneExpGivesThePriceOfBoth() {
        let stream = RandomStream(seed: 11, stream: 1)
        var pairs: [(Double, Double)] = []
        for i in 0..<200_000 {
            let (a, b) = stream.uniforms(point: 0, replication: 0, slot: 0, index: UInt32(i))
            var fresh = [a, b]
            func next() -> Double { fresh.removeLast() }
            let own = -12 + 14 * next()
            // Gaps across many scales, the threshold 2^-20 and a few ulps among them.
            let gap: Double
            switch i % 6 {
            case 0: gap = (next() - 0.5) * 4
            case 1: gap = (next() - 0.5) * 0x1p-18
            case 2: gap = (i % 12 < 6 ? 1 : -1) * 0x1p-20 * (1 + (next() - 0.5) * 0x1p-30)
            case 3: gap = Double(Int(next() * 9) - 4) * own.ulp
            case 4: gap = 0
            default: gap = (next() - 0.5) * 1e-9
            }
            pairs.append((own + gap, own))
        }
        pairs += [(-.infinity, -3), (-.infinity, -.infinity), (-800, -801), (705, 704), (-3, 710), (1e-300, -1e-300)]
        var mismatches = 0
        for (second, own) in pairs {
            let expected = Swift.max(second == -.infinity ? 0 : Elementary.exp(second), Elementary.exp(own))
            let price = BatchSimulator.resalePrice(second: second, own: own)
            if price.bitPattern != expected.bitPattern {
                mismatches += 1
                if mismatches <= 5 { XCTFail("second \(second), own \(own): \(price) against \(expected)") }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }
}
