import Foundation
import SweepCore
import SweepEngine
import SweepManifest
import SweepPlanner
import SweepResults
import TicketModel
import XCTest

/// The reducer merges points on several threads (`Reducer.reduce(workers:)`, rounds of points
/// appended in point order): every table must be the same bytes for 1, 2 and 3 workers, and
/// the benchmark it writes from the partials' beliefs the one computed from the parameters.
final class ParallelReduceTests: XCTestCase {
    /// 37 Sobol' points of unequal builders and two classes (a round of 16 per worker leaves a
    /// short last round for every worker count), histograms on, shards of 3 of 5 replications.
    static let manifest = """
        seed: 5
        replications: 5
        slots: 60
        shard_size: 3
        base:
          lookahead: 4
          pricing: {mechanism: eip1559, target: {pool: 8}, quotient: 8}
          builders: {count: 3, noise: 0.1, auction: second-price, skills: [1, 1.1, 0.9]}
          buyers:
            - {name: integrated, count: 1, extraction: 1.0}
            - {name: lottery, count: 8, risk_aversion: -0.05}
        sweep:
          sample:
            method: sobol
            points: 37
            ranges: {pricing.quotient: [2, 32], builders.noise: [0.05, 0.3]}
        """

    /// The manifest's plan, run on 2 workers into a new folder (removed after the test).
    private func runSweep() throws -> (plan: SweepPlan, dir: String, folder: ResultsFolder) {
        let plan = try SweepPlan(try ManifestLoader.parse(text: Self.manifest, file: "r.yaml", json: false))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reduce-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let folder = ResultsFolder(path: dir)
        try folder.prepare(for: plan.settings, force: false)
        try SweepRunner(workers: 2).run(plan: plan, shards: Array(plan.shards), folder: folder)
        return (plan, dir, folder)
    }

    func testTablesAreTheSameBytesForAnyNumberOfReduceWorkers() throws {
        let (plan, dir, folder) = try runSweep()
        let tables = ["summary.csv", "histograms.csv", "correlations.csv", "benchmarks.csv", "points.csv"]
        var first: [String: Data] = [:]
        for workers in [1, 2, 3] {
            let outcome = try Reducer.reduce(plan: plan, folder: folder, workers: workers)
            XCTAssertEqual(outcome.points, 37)
            XCTAssertEqual(outcome.shards, 74)
            for name in tables {
                let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
                if let expected = first[name] {
                    XCTAssertEqual(data, expected, "\(name) with \(workers) workers")
                } else {
                    XCTAssertGreaterThan(data.count, 100, name)
                    first[name] = data
                }
            }
        }
        // benchmarks.csv: from the partials' beliefs, the same as from the parameters.
        let lines = String(decoding: first["benchmarks.csv"]!, as: UTF8.self).split(separator: "\n").dropFirst()
        XCTAssertEqual(lines.count, 37 * 3)
        for point in [0, 17, 36] {
            let p = plan.parameters(ofPoint: point)
            let benchmark = PointBenchmark(p, beliefs: ClosedFormBeliefs.exact(p))
            for (quantity, value) in benchmark.quantities {
                XCTAssert(lines.contains(Substring("\(point),\(quantity),\(NumberFormat.text(value))")), "point \(point) \(quantity)")
            }
        }
    }

    /// A missing partial is still named, whichever thread met it.
    func testMissingPartialIsNamedWithSeveralWorkers() throws {
        let (plan, dir, folder) = try runSweep()
        let lost = plan.shards.shard(point: 20, block: 1)
        try FileManager.default.removeItem(atPath: folder.partialPath(lost))
        XCTAssertThrowsError(try Reducer.reduce(plan: plan, folder: folder, workers: 2)) { error in
            XCTAssert("\(error)".contains("1 of 74 shards are missing: \(lost.index)"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/summary.csv"))
    }

    /// Folders of partial format versions 3 (written before the run recorded the benchmark:
    /// the `ShardResult` ends at the beliefs) and 4 (dense sketches) still reduce, to the same
    /// tables: for version 3 the reducer computes the benchmark from the beliefs, and it is the
    /// one the run recorded.
    func testOlderPartialFormatsReduceToTheSameTables() throws {
        let (plan, dir, folder) = try runSweep()
        let tables = ["summary.csv", "correlations.csv", "benchmarks.csv"]
        _ = try Reducer.reduce(plan: plan, folder: folder, workers: 2)
        let current = try tables.map { try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0)) }
        let partials = try plan.shards.map { try PartialFile.read(path: folder.partialPath($0), expectedDigest: plan.settings.digest) }
        for version: UInt32 in [3, 4] {
            for (shard, partial) in zip(plan.shards, partials) {
                let path = folder.partialPath(shard)
                XCTAssertNotNil(partial.result.benchmark, "the run records the benchmark in every partial")
                let old = partial.encoded(version: version)
                XCTAssertEqual(Array(old[PartialFile.magic.count ..< PartialFile.magic.count + 4]), [UInt8(version), 0, 0, 0])
                XCTAssertGreaterThan(old.count, partial.encoded().count, "the dense sketches of version \(version) take more bytes")
                try Data(old).write(to: URL(fileURLWithPath: path))
                let back = try PartialFile.read(path: path, expectedDigest: plan.settings.digest)
                XCTAssertEqual(back.result.benchmark == nil, version == 3)
                XCTAssertEqual(back.result.rows.map(\.bitPattern), partial.result.rows.map(\.bitPattern))
                XCTAssertEqual(back.result.beliefs, partial.result.beliefs)
                XCTAssertEqual(back.result.ticketSketches, partial.result.ticketSketches)
                XCTAssertTrue(folder.hasValidPartial(shard, digest: plan.settings.digest), "resume keeps version \(version) partials")
            }
            _ = try Reducer.reduce(plan: plan, folder: folder, workers: 2)
            for (name, expected) in zip(tables, current) {
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)), expected, "\(name), version \(version)")
            }
        }
    }
}
