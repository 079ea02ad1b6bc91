@testable import TicketModel
import XCTest

/// `truncatedIndex(_:)`, the slot loop's `Int(x)` without range checks (the pool draw and the
/// service order's Fisher–Yates step), against the standard library's conversion.
final class TruncatedIndexTests: XCTestCase {
    func testEqualsTheConversionOnEdgesAndDraws() {
        var xs: [Double] = [0, 0x1p-1074, 0x1p-53, 0.5, 0.5.nextDown, 0.5.nextUp, 1, 1.0.nextDown, 1.0.nextUp, 1.5, 2.5, 3.5]
        for n in [1, 2, 3, 7, 51, 64, 1000, 1 << 20, 1 << 40] {
            let d = Double(n)
            xs += [d, d.nextDown, d.nextUp, d + 0.5, (d + 0.5).nextDown, (d + 0.5).nextUp, d - 0.5, (d - 0.5).nextUp]
        }
        xs += [0x1p51.nextDown, 0x1p51 - 0.5, 0x1p51 - 1]
        // Uniforms of the kernel's grid times counts, as the draws form them.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<100_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let u = (Double(state >> 12) + 0.5) * 0x1p-52
            xs.append(u * Double(1 + Int(state >> 40) % 5000))
        }
        for x in xs where x >= 0 && x < 0x1p51 {
            XCTAssertEqual(truncatedIndex(x), Int(x), "x = \(x)")
        }
    }
}
