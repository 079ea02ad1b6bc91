import SweepCore
import SweepRandom
import XCTest

final class DesignSamplerTests: XCTestCase {
    func testUnscrambledSobolMatchesSciPy() throws {
        // scipy.stats.qmc.Sobol(d=3, scramble=False).random(8).tolist(), SciPy 1.17.1.
        let expected: [[Double]] = [
            [0.0, 0.0, 0.0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
        ]
        XCTAssertEqual(try DesignSampler.sobolUnscrambled(points: 8, dimensions: 3), expected)
    }

    func testUnscrambledSobolAllDimensionsMatchSciPyDigest() throws {
        // SHA-256 of the first 1024 points in 256 dimensions, each coordinate × 2³² as a big-endian
        // UInt32, row after row, from SciPy 1.17.1:
        //   x = qmc.Sobol(d=256, scramble=False, bits=32).random(1024)
        //   hashlib.sha256((x * 2.0**32).astype('>u4').tobytes()).hexdigest()
        let points = try DesignSampler.sobolUnscrambled(points: 1024, dimensions: 256)
        var bytes = [UInt8]()
        for row in points {
            for x in row {
                let word = UInt32(x * 0x1p32)
                bytes += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                          UInt8(truncatingIfNeeded: word)]
            }
        }
        XCTAssertEqual(SHA256.hex(bytes), "561a71057a8ee8960a921701b4b81eb7d73c7284ced6f4df9b4141f7bb388f9c")
    }

    func testShiftedSobolKeepsOnePointPerDyadicStratum() throws {
        let n = 64
        let design = try DesignSampler.sobol(points: n, dimensions: 32, seed: 11)
        for j in 0..<32 {
            let strata = Set(design.map { Int($0[j] * Double(n)) })
            XCTAssertEqual(strata.count, n, "dimension \(j)")
        }
        XCTAssertTrue(design.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 < 1 } })
    }

    func testShiftedSobolIsRepeatableAndDependsOnSeed() throws {
        let a = try DesignSampler.sobol(points: 16, dimensions: 5, seed: 3)
        XCTAssertEqual(a, try DesignSampler.sobol(points: 16, dimensions: 5, seed: 3))
        XCTAssertNotEqual(a, try DesignSampler.sobol(points: 16, dimensions: 5, seed: 4))
        XCTAssertNotEqual(a, try DesignSampler.sobolUnscrambled(points: 16, dimensions: 5))
        // A prefix of a longer design is the shorter design.
        XCTAssertEqual(Array(try DesignSampler.sobol(points: 32, dimensions: 5, seed: 3).prefix(16)), a)
    }

    func testSobolRejectsTooManyDimensions() {
        XCTAssertNoThrow(try DesignSampler.sobol(points: 4, dimensions: DesignSampler.sobolMaxDimensions, seed: 1))
        XCTAssertThrowsError(
            try DesignSampler.sobol(points: 4, dimensions: DesignSampler.sobolMaxDimensions + 1, seed: 1)
        ) { error in
            let designError = error as? DesignError
            XCTAssertEqual(designError?.code, .tooManyDimensions)
            XCTAssertTrue(designError?.description.contains("at most 256 dimensions") ?? false)
        }
        XCTAssertThrowsError(try DesignSampler.sobol(points: 4, dimensions: 0, seed: 1)) {
            XCTAssertEqual(($0 as? DesignError)?.code, .invalidDimensionCount)
        }
        XCTAssertThrowsError(try DesignSampler.sobol(points: -1, dimensions: 2, seed: 1)) {
            XCTAssertEqual(($0 as? DesignError)?.code, .invalidPointCount)
        }
        XCTAssertEqual(try DesignSampler.sobol(points: 0, dimensions: 2, seed: 1), [])
    }

    func testLatinHypercubeHasOnePointPerStratum() throws {
        for n in [1, 2, 7, 100, 1000] {
            let design = try DesignSampler.latinHypercube(points: n, dimensions: 4, seed: 99)
            XCTAssertEqual(design.count, n)
            for j in 0..<4 {
                let strata = design.map { Int($0[j] * Double(n)) }
                XCTAssertEqual(strata.sorted(), Array(0..<n), "n \(n) dimension \(j)")
                XCTAssertTrue(design.allSatisfy { $0[j] > 0 && $0[j] < 1 })
            }
        }
    }

    func testLatinHypercubeIsRepeatableAndShuffled() throws {
        let a = try DesignSampler.latinHypercube(points: 50, dimensions: 3, seed: 5)
        XCTAssertEqual(a, try DesignSampler.latinHypercube(points: 50, dimensions: 3, seed: 5))
        XCTAssertNotEqual(a, try DesignSampler.latinHypercube(points: 50, dimensions: 3, seed: 6))
        // Dimensions are permuted independently: the stratum orders differ.
        let order0 = a.map { Int($0[0] * 50) }
        let order1 = a.map { Int($0[1] * 50) }
        XCTAssertNotEqual(order0, order1)
        XCTAssertNotEqual(order0, Array(0..<50))
    }

    func testUniformDesign() throws {
        let a = try DesignSampler.uniform(points: 2000, dimensions: 3, seed: 8)
        XCTAssertEqual(a, try DesignSampler.uniform(points: 2000, dimensions: 3, seed: 8))
        XCTAssertNotEqual(a, try DesignSampler.uniform(points: 2000, dimensions: 3, seed: 9))
        XCTAssertTrue(a.allSatisfy { $0.count == 3 && $0.allSatisfy { $0 > 0 && $0 < 1 } })
        for j in 0..<3 {
            let mean = a.reduce(0) { $0 + $1[j] } / 2000
            XCTAssertEqual(mean, 0.5, accuracy: 4 * (1.0 / 12 / 2000).squareRoot(), "dimension \(j)")
        }
        XCTAssertThrowsError(try DesignSampler.uniform(points: 3, dimensions: 0, seed: 8))
        XCTAssertThrowsError(try DesignSampler.latinHypercube(points: -2, dimensions: 1, seed: 8))
    }
}
