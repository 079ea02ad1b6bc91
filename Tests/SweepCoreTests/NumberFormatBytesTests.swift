import SweepCore
import XCTest

/// `NumberFormat.append` against literal texts (the shortest round-trip digits, written out by
/// hand): the bytes of a table cell must not change when rows are built in a byte buffer.
final class NumberFormatBytesTests: XCTestCase {
    private func bytes(_ x: Double) -> String {
        var b: [UInt8] = Array("x".utf8)  // appends after what is there
        NumberFormat.append(x, to: &b)
        return String(decoding: b.dropFirst(), as: UTF8.self)
    }

    func testDoublesMatchLiteralTexts() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1, "1"), (-3, "-3"), (10, "10"), (123_456_789, "123456789"),
            (999_999_999_999_999, "999999999999999"), (1e15, "1000000000000000.0"), (-1e15, "-1000000000000000.0"), (1e16, "1e+16"),
            (0.1, "0.1"), (-2.5, "-2.5"), (1.0 / 3.0, "0.3333333333333333"), (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (0.000123, "0.000123"),
            (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"),
        ]
        for (x, text) in cases {
            XCTAssertEqual(bytes(x), text, "\(x)")
            XCTAssertEqual(NumberFormat.text(x), text, "\(x) through text(_:)")
        }
    }

    func testIntegersMatchLiteralTexts() {
        let signed: [(Int64, String)] = [
            (0, "0"), (7, "7"), (-7, "-7"), (10, "10"), (-10, "-10"), (2048, "2048"),
            (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"),
        ]
        for (n, text) in signed {
            var b: [UInt8] = []
            NumberFormat.append(n, to: &b)
            XCTAssertEqual(String(decoding: b, as: UTF8.self), text)
        }
        let unsigned: [(UInt64, String)] = [(0, "0"), (9, "9"), (100, "100"), (UInt64.max, "18446744073709551615")]
        for (n, text) in unsigned {
            var b: [UInt8] = [UInt8(ascii: ",")]
            NumberFormat.append(n, to: &b)
            XCTAssertEqual(String(decoding: b, as: UTF8.self), "," + text)
        }
    }
}
