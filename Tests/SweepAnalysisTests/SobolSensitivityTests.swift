import Foundation
import SweepAnalysis
import SweepRandom
import XCTest

final class SobolSensitivityTests: XCTestCase {
    /// The Ishigami function, `sin x1 + a sin² x2 + b x3⁴ sin x1` with a = 7, b = 0.1, over
    /// [−π, π]³.
    static func ishigami(_ u: [Double]) -> Double {
        let x = u.map { -Double.pi + 2 * Double.pi * $0 }
        return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0])
    }

    /// Analytic indices (Ishigami & Homma 1990; Sobol' & Levitan 1999): with a = 7, b = 0.1,
    /// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8,
    /// VT3 = 8b²π⁸/225; S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437). The issue's
    /// tolerance is 0.02 at N = 2^14; the 95% bootstrap half-widths there are 0.012–0.015 (S1)
    /// and 0.006–0.021 (ST), so 0.02 is one to three of them (seed fixed: the errors measured
    /// are at most 0.0012).
    func testIshigamiIndicesAtTwoToTheFourteen() throws {
        let n = 1 << 14
        let design = try DesignSampler.saltelli(points: n, dimensions: 3, seed: 20261202)
        let layout = SaltelliLayout(points: n, dimensions: 3)
        XCTAssertEqual(design.count, layout.rowCount)
        let y = design.map(Self.ishigami)
        let indices = try SobolSensitivity.analyze(outputs: y, layout: layout, bootstrap: 100, seed: 1)
        let s1 = [0.3139, 0.4424, 0.0]
        let st = [0.5576, 0.4424, 0.2437]
        for j in 0..<3 {
            XCTAssertEqual(indices[j].firstOrder, s1[j], accuracy: 0.02, "S1 of x\(j + 1)")
            XCTAssertEqual(indices[j].total, st[j], accuracy: 0.02, "ST of x\(j + 1)")
            // The half-widths are those of a ~1e4-sample estimator: positive and small.
            XCTAssertGreaterThan(indices[j].firstOrderConfidence, 0)
            XCTAssertLessThan(indices[j].firstOrderConfidence, 0.05)
            XCTAssertGreaterThan(indices[j].totalConfidence, 0)
            XCTAssertLessThan(indices[j].totalConfidence, 0.05)
        }
    }

    /// Literal outputs and SALib's indices for them: SALib 1.6.0,
    /// `sobol.analyze(problem (D = 2), np.array(y), calc_second_order=False)` (S1, ST; the
    /// confidence intervals depend on numpy's resamples and are checked in the pytest
    /// cross-check instead).
    func testMatchesSALibOnLiteralOutputs() throws {
        let y: [Double] = SALibReference.outputs
        let layout = SaltelliLayout(points: 8, dimensions: 2)
        let indices = try SobolSensitivity.analyze(outputs: y, layout: layout, bootstrap: 10, seed: 3)
        for j in 0..<2 {
            XCTAssertEqual(indices[j].firstOrder, SALibReference.s1[j], accuracy: 1e-12)
            XCTAssertEqual(indices[j].total, SALibReference.st[j], accuracy: 1e-12)
        }
    }

    /// The confidence half-widths are a pure function of the outputs and the seed.
    func testBootstrapIsSeeded() throws {
        let layout = SaltelliLayout(points: 8, dimensions: 2)
        let y = SALibReference.outputs
        let a = try SobolSensitivity.analyze(outputs: y, layout: layout, bootstrap: 20, seed: 3)
        XCTAssertEqual(a, try SobolSensitivity.analyze(outputs: y, layout: layout, bootstrap: 20, seed: 3))
        let b = try SobolSensitivity.analyze(outputs: y, layout: layout, bootstrap: 20, seed: 4)
        XCTAssertEqual(a.map(\.firstOrder), b.map(\.firstOrder))
        XCTAssertNotEqual(a.map(\.firstOrderConfidence), b.map(\.firstOrderConfidence))
    }

    func testBadInputIsAnErrorAndNonFiniteOutputsGiveNaN() throws {
        let layout = SaltelliLayout(points: 8, dimensions: 2)
        XCTAssertThrowsError(try SobolSensitivity.analyze(outputs: [1, 2, 3], layout: layout, bootstrap: 10, seed: 1)) {
            XCTAssertTrue("\($0)".contains("has 32 rows; got 3 outputs"), "\($0)")
        }
        XCTAssertThrowsError(try SobolSensitivity.analyze(outputs: SALibReference.outputs, layout: layout, bootstrap: 1, seed: 1))
        var y = SALibReference.outputs
        y[5] = .nan
        let indices = try SobolSensitivity.analyze(outputs: y, layout: layout, bootstrap: 10, seed: 1)
        XCTAssertTrue(indices.allSatisfy { $0.firstOrder.isNaN && $0.total.isNaN })
    }
}
