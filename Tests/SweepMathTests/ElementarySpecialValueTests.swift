import SweepMath
import XCTest

/// NaN, infinities, signed zeros, subnormals and the overflow and underflow thresholds, as the
/// doc comments (C99 Annex F for `pow`) state them.
final class ElementarySpecialValueTests: XCTestCase {
    let inf = Double.infinity
    let tiny = Double.leastNonzeroMagnitude

    func same(_ a: Double, _ b: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "\(what): \(a), expected \(b)", file: file, line: line)
    }

    func testExp() {
        same(Elementary.exp(.nan), .nan, "exp(nan)")
        same(Elementary.exp(inf), inf, "exp(inf)")
        same(Elementary.exp(-inf), 0, "exp(-inf)")
        same(Elementary.exp(0), 1, "exp(0)")
        same(Elementary.exp(-0.0), 1, "exp(-0)")
        same(Elementary.exp(tiny), 1, "exp(subnormal)")
        XCTAssertTrue(Elementary.exp(709.782712893384).isFinite)
        same(Elementary.exp(709.782712893384.nextUp), inf, "exp just above ln(max)")
        same(Elementary.exp(-746), 0, "exp(-746)")
        same(Elementary.exp(-745.1), tiny, "exp(-745.1) is the least subnormal")
    }

    func testExpm1() {
        same(Elementary.expm1(.nan), .nan, "expm1(nan)")
        same(Elementary.expm1(inf), inf, "expm1(inf)")
        same(Elementary.expm1(-inf), -1, "expm1(-inf)")
        same(Elementary.expm1(0), 0, "expm1(0)")
        same(Elementary.expm1(-0.0), -0.0, "expm1(-0)")
        same(Elementary.expm1(-tiny), -tiny, "expm1(-subnormal)")
        same(Elementary.expm1(-38), -1, "expm1(-38)")
        same(Elementary.expm1(709.782712893384.nextUp), inf, "expm1 overflow")
    }

    func testLogarithms() {
        for (name, f) in [("log", Elementary.log), ("log10", Elementary.log10)] as [(String, (Double) -> Double)] {
            same(f(.nan), .nan, "\(name)(nan)")
            same(f(-1), .nan, "\(name)(-1)")
            same(f(-inf), .nan, "\(name)(-inf)")
            same(f(0), -inf, "\(name)(0)")
            same(f(-0.0), -inf, "\(name)(-0)")
            same(f(inf), inf, "\(name)(inf)")
            same(f(1), 0, "\(name)(1)")
            XCTAssertTrue(f(tiny).isFinite && f(tiny) < 0, "\(name)(least subnormal)")
        }
        same(Elementary.log(tiny), -744.4400719213812, "log(least subnormal)")
        same(Elementary.log1p(.nan), .nan, "log1p(nan)")
        same(Elementary.log1p(-1), -inf, "log1p(-1)")
        same(Elementary.log1p(-1.5), .nan, "log1p(-1.5)")
        same(Elementary.log1p(inf), inf, "log1p(inf)")
        same(Elementary.log1p(0), 0, "log1p(0)")
        same(Elementary.log1p(-0.0), -0.0, "log1p(-0)")
        same(Elementary.log1p(tiny), tiny, "log1p(subnormal)")
    }

    func testPow() {
        let p: (Double, Double) -> Double = Elementary.pow
        same(p(.nan, 0), 1, "pow(nan, 0)")
        same(p(1, .nan), 1, "pow(1, nan)")
        same(p(.nan, 1), .nan, "pow(nan, 1)")
        same(p(2, .nan), .nan, "pow(2, nan)")
        same(p(-1, inf), 1, "pow(-1, inf)")
        same(p(0.5, inf), 0, "pow(0.5, inf)")
        same(p(0.5, -inf), inf, "pow(0.5, -inf)")
        same(p(2, inf), inf, "pow(2, inf)")
        same(p(2, -inf), 0, "pow(2, -inf)")
        same(p(-0.0, -3), -inf, "pow(-0, -3)")
        same(p(-0.0, -2), inf, "pow(-0, -2)")
        same(p(0, -0.5), inf, "pow(0, -0.5)")
        same(p(-0.0, 3), -0.0, "pow(-0, 3)")
        same(p(-0.0, 2), 0, "pow(-0, 2)")
        same(p(-inf, 3), -inf, "pow(-inf, 3)")
        same(p(-inf, -3), -0.0, "pow(-inf, -3)")
        same(p(-inf, 2), inf, "pow(-inf, 2)")
        same(p(inf, -1), 0, "pow(inf, -1)")
        same(p(-2, 0.5), .nan, "pow(-2, 0.5)")
        same(p(-2, 3), -8, "pow(-2, 3)")
        same(p(-2, -2), 0.25, "pow(-2, -2)")
        same(p(-2, 0x1p60), inf, "pow(-2, 2^60)")
        same(p(2, 1024), inf, "pow(2, 1024)")
        same(p(2, -1074), tiny, "pow(2, -1074)")
        same(p(2, -1076), 0, "pow(2, -1076)")
        same(p(10, 22), 1e22, "pow(10, 22)")
        same(p(4, 0.5), 2, "pow(4, 0.5)")
        same(p(tiny, 0.5).squareRoot() * 0, 0, "pow of a subnormal is finite")
    }

    func testNormalCDF() {
        let f: (Double) -> Double = Elementary.normalCDF
        same(f(.nan), .nan, "Φ(nan)")
        same(f(inf), 1, "Φ(inf)")
        same(f(-inf), 0, "Φ(-inf)")
        same(f(0), 0.5, "Φ(0)")
        same(f(-0.0), 0.5, "Φ(-0)")
        same(f(8.5), 1, "Φ(8.5)")
        same(f(-39), 0, "Φ(-39)")
        XCTAssertGreaterThan(f(-38.4), 0, "Φ(-38.4) is a positive subnormal")
        XCTAssertLessThan(f(-38.4), 0x1p-1022)
        // Φ(-z) + Φ(z) = 1 to rounding.
        for z in stride(from: 0.0, through: 8, by: 0.0625) {
            XCTAssertEqual(f(-z) + f(z), 1, accuracy: 2 * Double.ulpOfOne, "z = \(z)")
        }
    }
}
