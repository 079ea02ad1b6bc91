import Foundation
import SweepCore
import SweepEngine
import SweepManifest
import SweepPlanner
import SweepResults
import TicketModel
import XCTest

/// `differences.csv` against the per-path values read back from the partials directly.
final class PairedDifferenceTests: XCTestCase {
    /// A quotient sweep like the quickstart's, small; shards of 5 of 12 replications (blocks of
    /// 5, 5, 2), so the pairing must follow replications across uneven blocks.
    static let manifest = """
        seed: 31
        replications: 12
        slots: 300
        shard_size: 5
        base:
          lookahead: 4
          pricing: {mechanism: eip1559, target: {pool: 16}, quotient: 8, initial_price: 0.1}
          builders: {count: 3, noise: 0.1, auction: second-price}
          buyers:
            - {name: integrated, count: 1, extraction: 1.0}
            - {name: lottery, count: 10, risk_aversion: -0.05}
        sweep:
          grid:
            pricing.quotient: [4, 8, 16]
        outputs:
          metrics: [capture_ratio, protocol_revenue, hhi, ticket_return]
          differences: {baseline: {pricing.quotient: 8}}
        """

    func run() throws -> (SweepPlan, ResultsFolder) {
        let plan = try SweepPlan(try ManifestLoader.parse(text: Self.manifest, file: "d.yaml", json: false))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paired-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let folder = ResultsFolder(path: dir)
        try folder.prepare(for: plan.settings, force: false)
        try SweepRunner(workers: 2).run(plan: plan, shards: Array(plan.shards), folder: folder)
        _ = try Reducer.reduce(plan: plan, folder: folder)
        return (plan, folder)
    }

    /// The per-path rows of a point, in replication order, from its partials.
    func pathRows(_ plan: SweepPlan, _ folder: ResultsFolder, point: Int) throws -> [[Double]] {
        var rows: [[Double]] = []
        for b in 0..<plan.blocksPerPoint {
            let shard = plan.shards[point * plan.blocksPerPoint + b]
            let result = try PartialFile.read(path: folder.partialPath(shard), expectedDigest: plan.settings.digest).result
            let m = result.pathMetricCount
            for i in 0..<result.replications { rows.append(Array(result.rows[(i * m)..<((i + 1) * m)])) }
        }
        return rows
    }

    func table(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    func testPairedSEIsTheSDOfPerPathDifferencesOverRootN() throws {
        let (plan, folder) = try run()
        let layout = MetricLayout(plan.settings.baseParameters)
        let rows = try table(folder.differencesPath)
        let summary = try table(folder.summaryPath)
        func se(_ point: Int, _ metric: String) -> Double {
            Double(summary.first { $0["point"] == String(point) && $0["metric"] == metric }!["se"]!)!
        }
        XCTAssertEqual(rows.count, 3 * 4)
        let baselineRows = try pathRows(plan, folder, point: 1)
        XCTAssertEqual(baselineRows.count, 12)
        var ratios: [Double] = []
        for p in 0..<3 {
            let own = try pathRows(plan, folder, point: p)
            for metric in ["capture_ratio", "protocol_revenue", "hhi"] {
                let c = layout.pathMetrics.firstIndex(of: metric)!
                let d = (0..<12).map { own[$0][c] - baselineRows[$0][c] }
                let mean = d.reduce(0, +) / 12
                let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 11).squareRoot()
                let row = rows.first { $0["point"] == String(p) && $0["metric"] == metric }!
                XCTAssertEqual(row["baseline"], "1")
                XCTAssertEqual(Double(row["difference"]!)!, mean, accuracy: 1e-12 * max(1, abs(mean)), "\(metric) at \(p)")
                XCTAssertEqual(Double(row["se_paired"]!)!, sd / 12.0.squareRoot(), accuracy: 1e-12 * max(1, sd), "\(metric) at \(p)")
                let unpaired = (se(p, metric) * se(p, metric) + se(1, metric) * se(1, metric)).squareRoot()
                XCTAssertEqual(Double(row["se_unpaired"]!)!, unpaired, accuracy: 1e-12 * unpaired)
                if metric == "capture_ratio" && p != 1 { ratios.append(Double(row["se_paired"]!)! / unpaired) }
            }
            let ticket = rows.first { $0["point"] == String(p) && $0["metric"] == "ticket_return" }!
            XCTAssertEqual(ticket["se_paired"], "nan", "per-ticket metrics are not paired")
            XCTAssertNotEqual(ticket["se_unpaired"], "nan")
        }
        // Common random numbers pair the paths: the paired SE of capture is the smaller.
        XCTAssertTrue(ratios.allSatisfy { $0 < 1 }, "\(ratios)")
    }

    func testTableDoesNotDependOnWorkers() throws {
        let (plan, folder) = try run()
        let first = try String(contentsOfFile: folder.differencesPath, encoding: .utf8)
        for shard in plan.shards { try? FileManager.default.removeItem(atPath: folder.partialPath(shard)) }
        try SweepRunner(workers: 1).run(plan: plan, shards: Array(plan.shards), folder: folder)
        _ = try Reducer.reduce(plan: plan, folder: folder)
        XCTAssertEqual(try String(contentsOfFile: folder.differencesPath, encoding: .utf8), first)
    }
}
