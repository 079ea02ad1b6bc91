import SweepMath
import XCTest

/// Every function against the mpmath references, in ulps of the correctly rounded result. The
/// bounds are the ones the doc comments state.
final class ElementaryAccuracyTests: XCTestCase {
    func check(
        _ function: String, bound: Double, minimumCases: Int = 500, file: StaticString = #filePath, line: UInt = #line,
        _ f: ([Double]) -> Double
    ) {
        let cases = ReferenceCase.cases(function)
        XCTAssertGreaterThanOrEqual(cases.count, minimumCases, "\(function): reference cases missing", file: file, line: line)
        var worst = 0.0
        var worstCase: ReferenceCase?
        for c in cases {
            let e = c.ulpError(f(c.arguments))
            if !(e <= worst) { worst = e; worstCase = c }
        }
        print("\(function): \(cases.count) cases, max error \(worst) ulp")
        XCTAssertLessThanOrEqual(worst, bound,
            "\(function)\(worstCase.map { "\($0.arguments)" } ?? ""): \(worst) ulp", file: file, line: line)
    }

    func testExp() { check("exp", bound: 1) { Elementary.exp($0[0]) } }
    func testExpm1() { check("expm1", bound: 1) { Elementary.expm1($0[0]) } }
    func testLog() { check("log", bound: 1) { Elementary.log($0[0]) } }
    func testLog1p() { check("log1p", bound: 1) { Elementary.log1p($0[0]) } }
    func testLog10() { check("log10", bound: 1) { Elementary.log10($0[0]) } }
    func testPow() { check("pow", bound: 1) { Elementary.pow($0[0], $0[1]) } }
    func testNormalCDF() {
        check("normalCDF", bound: 2.5) { $0[0] >= -37.5 ? Elementary.normalCDF($0[0]) : .nan }
    }

    /// Below z = -37.5 Φ is subnormal: absolute error within two units of 2^-1074.
    func testNormalCDFSubnormalTail() {
        let cases = ReferenceCase.cases("normalCDF").filter { $0.hi < 0x1p-1022 && $0.hi > 0 }
        for c in cases {
            let v = Elementary.normalCDF(c.arguments[0])
            XCTAssertLessThanOrEqual((v - c.hi).magnitude, 2 * Double.leastNonzeroMagnitude, "\(c.arguments)")
        }
    }

    /// log10 of the exact powers of ten is exact.
    func testLog10OfPowersOfTen() {
        var p = 1.0
        for k in 0...22 {
            XCTAssertEqual(Elementary.log10(p), Double(k), "10^\(k)")
            p *= 10
        }
    }
}
