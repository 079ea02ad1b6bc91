import Foundation
import SweepTestSupport
import XCTest

/// The built binary, run as a user runs it.
final class CommandLineTests: XCTestCase {
    let smallGrid = "Tests/Manifests/small-grid.yaml"

    func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(url.path)>" }

    func testValidateAcceptsTheExampleSweeps() throws {
        for manifest in ["sweeps/quickstart.yaml", "sweeps/bench.yaml", smallGrid] {
            let r = try BinaryRunner.run(["validate", manifest])
            XCTAssertEqual(r.status, 0, "\(manifest): \(r.stderr)")
        }
    }

    /// A misspelt key, a wrong type and an empty axis: exit 2, every problem with its line and
    /// column, and the fix for the misspelling.
    func testBadManifestReportsEveryProblemWithPosition() throws {
        let dir = BinaryRunner.temporaryFolder()
        let path = BinaryRunner.write("""
            name: bad
            seed: 1
            replications: 10
            base:
              pricing: {mechanism: eip1559, quotent: 8}
              lookahead: soon
            sweep:
              grid:
                pricing.target.pool: []
            """, named: "bad.yaml", in: dir)
        let r = try BinaryRunner.run(["validate", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(path):5:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("quotient"), "suggests the nearest key: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("\(path):6:"), "the wrong type is located: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("\(path):9:"), "the empty axis is located: \(r.stderr)")
        XCTAssertEqual(r.stderr.components(separatedBy: ": error: ").count - 1, 3, r.stderr)
    }

    func testBadArgumentsExitTwoWithAMessage() throws {
        let cases: [[String]] = [
            ["run", smallGrid, "--workers", "0"],
            ["run", smallGrid, "--shard", "3/3"],
            ["run", smallGrid, "--shard", "x"],
            ["validate", "no/such/manifest.yaml"],
            ["reduce", "/no/such/folder"],
            ["frobnicate"],
            ["run"],
        ]
        for args in cases {
            let r = try BinaryRunner.run(args, timeout: 30)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.isEmpty, "\(args) says what was wrong")
        }
    }

    func testHelpShowsAWorkedExample() throws {
        let r = try BinaryRunner.run(["run", "--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("ticketsweep run sweeps/quickstart.yaml --out results/quickstart"), r.stdout)
    }

    /// SPEC.md: results do not depend on the number of workers or the shard size.
    func testTablesAreIdenticalForWorkersAndShardSizes() throws {
        let dir = BinaryRunner.temporaryFolder()
        let one = dir.appendingPathComponent("one"), two = dir.appendingPathComponent("two"), other = dir.appendingPathComponent("other")
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", one.path, "--workers", "1", "--quiet"]).status, 0)
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", two.path, "--workers", "2", "--quiet"]).status, 0)
        let text = read(BinaryRunner.packageRoot.appendingPathComponent(smallGrid)).replacingOccurrences(of: "shard_size: 8", with: "shard_size: 5")
        let resharded = BinaryRunner.write(text, named: "resharded.yaml", in: dir)
        XCTAssertEqual(try BinaryRunner.run(["run", resharded, "--out", other.path, "--workers", "2", "--quiet"]).status, 0)
        for table in ["summary.csv", "points.csv", "histograms.csv", "correlations.csv"] {
            let a = read(one.appendingPathComponent(table))
            XCTAssertFalse(a.hasPrefix("<missing"), a)
            XCTAssertEqual(a, read(two.appendingPathComponent(table)), "\(table): 1 vs 2 workers")
            XCTAssertEqual(a, read(other.appendingPathComponent(table)), "\(table): shard size 8 vs 5")
        }
        let summary = read(one.appendingPathComponent("summary.csv")).split(separator: "\n")
        XCTAssertTrue(summary[0].hasPrefix("point,pricing.quotient,builders.noise,buyers[lottery].count,buyers[lottery].discount_rate,metric,count,mean,sd,se,skewness,kurtosis,min,p01,p50,p99,p99_9,max"), String(summary[0]))
        // 8 points; every metric of the model for each.
        let points = read(one.appendingPathComponent("points.csv")).split(separator: "\n")
        XCTAssertEqual(points.count, 9)
        XCTAssertEqual(points[1], "0,4,0.05,5,0.01")
        XCTAssertEqual(points[8], "7,16,0.2,20,0.1")
    }
}

/// The committed manifest reference is the validator's schema, rendered.
final class ReferenceDocumentTests: XCTestCase {
    func testCommittedReferenceMatchesTheSchema() throws {
        let r = try BinaryRunner.run(["reference"])
        XCTAssertEqual(r.status, 0)
        let committed = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("docs/manifest-reference.md"), encoding: .utf8)
        XCTAssertEqual(r.stdout, committed, "regenerate with: ticketsweep reference > docs/manifest-reference.md")
    }
}
