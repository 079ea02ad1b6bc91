import Foundation
import SweepTestSupport
import XCTest

/// What model version 2 adds to a results folder, through the built binary: beliefs that do not
/// depend on the seed, the competitive-equilibrium benchmark (`benchmarks.csv`, `run.json`), the
/// pooled capture's summary row, and the refusal of a value law without a mean.
final class ModelV2OutputTests: XCTestCase {
    func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(url.path)>" }

    func manifest(seed: Int) -> String {
        """
        name: v2-seed\(seed)
        seed: \(seed)
        replications: 8
        slots: 200
        shard_size: 4
        base:
          lookahead: 4
          pricing: {mechanism: fixed, price: 0.02}
          buyers:
            - {name: integrated, count: 1, extraction: 1.0, miss_rate: 0.01}
            - {name: lottery, count: 5, risk_aversion: -0.05}
        sweep:
          grid:
            builders.noise: [0.05, 0.2]
        """
    }

    /// The `beliefs` of run.json are those of the exact closed forms, identical for seeds 1 and
    /// 2; benchmarks.csv has the fixed price as the equilibrium price at every point; summary.csv
    /// has one capture_pooled row per point with count = paths and nan quantiles.
    func testSeedFreeBeliefsBenchmarksAndPooledCapture() throws {
        let dir = BinaryRunner.temporaryFolder()
        var beliefs: [String] = []
        for seed in [1, 2] {
            let path = BinaryRunner.write(manifest(seed: seed), named: "seed\(seed).yaml", in: dir)
            let out = dir.appendingPathComponent("out\(seed)")
            let r = try BinaryRunner.run(["run", path, "--out", out.path, "--workers", "1", "--quiet"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let run = try XCTUnwrap(
                JSONSerialization.jsonObject(with: Data(read(out.appendingPathComponent("run.json")).utf8)) as? [String: Any])
            let pointBeliefs = try XCTUnwrap(run["beliefs"] as? [[String: Any]])
            XCTAssertEqual(pointBeliefs.count, 2)
            let text = try JSONSerialization.data(withJSONObject: pointBeliefs, options: [.sortedKeys])
            beliefs.append(String(decoding: text, as: UTF8.self))
            let benchmarks = try XCTUnwrap(run["benchmarks"] as? [[String: Any]])
            XCTAssertEqual(benchmarks.count, 2)
            for b in benchmarks {
                XCTAssertEqual(b["equilibrium_price"] as? Double, 0.02)
                XCTAssertEqual(b["zero_price_tickets"] as? Int, 0)
            }
            let table = read(out.appendingPathComponent("benchmarks.csv")).split(separator: "\n")
            XCTAssertEqual(table.first, "point,quantity,value")
            XCTAssertTrue(table.contains("0,equilibrium_price,0.02"), table.joined(separator: "\n"))
            XCTAssertTrue(table.contains("1,equilibrium_price,0.02"), table.joined(separator: "\n"))
            let pooled = read(out.appendingPathComponent("summary.csv")).split(separator: "\n").filter { $0.contains(",capture_pooled,") }
            XCTAssertEqual(pooled.count, 2)
            for row in pooled {
                let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let metric = try XCTUnwrap(cells.firstIndex(of: "capture_pooled"))
                XCTAssertEqual(cells[metric + 1], "8", "count = paths")
                let mean = try XCTUnwrap(Double(cells[metric + 2]))
                XCTAssertGreaterThan(mean, 0)
                XCTAssertLessThan(mean, 1)
                XCTAssertEqual(cells[metric + 3], "nan", "sd")
                XCTAssertNotNil(Double(cells[metric + 4]).flatMap { $0 > 0 ? $0 : nil }, "a positive se")
                XCTAssertEqual(Array(cells[(metric + 5)...]), Array(repeating: "nan", count: cells.count - metric - 5), "the rest nan")
            }
        }
        XCTAssertEqual(beliefs[0], beliefs[1], "seeds 1 and 2 give the same beliefs")
    }

    /// MODEL.md section 3: an untruncated tail with alpha 0.9 has no mean: exit 2 with the reason.
    func testUntruncatedHeavyTailIsRefused() throws {
        let dir = BinaryRunner.temporaryFolder()
        let path = BinaryRunner.write("seed: 1\nreplications: 4\nbase:\n  value: {alpha: 0.9, max: .inf}\n", named: "tail.yaml", in: dir)
        let r = try BinaryRunner.run(["validate", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(path):4:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("has no mean"), r.stderr)
    }
}
