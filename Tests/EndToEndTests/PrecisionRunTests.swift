import Foundation
import SweepTestSupport
import XCTest

/// SPEC.md "Precision targets": rounds of shards until every point meets its SE, the same tables
/// for any worker count and after `kill -9` and `--resume`, recorded in `run.json`.
final class PrecisionRunTests: XCTestCase {
    let manifest = "Tests/Manifests/precision-small.yaml"
    let target = 0.03
    let tables = ["summary.csv", "points.csv", "histograms.csv", "correlations.csv"]

    func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(url.path)>" }

    func partials(_ folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("shards").path)) ?? []
        return names.filter { $0.hasSuffix(".part") }.sorted()
    }

    /// `summary.csv`'s rows of `metric`: point -> (count, se), read with the header's columns.
    func summaryRows(_ folder: URL, metric: String) -> [Int: (count: Int, se: Double)] {
        let lines = read(folder.appendingPathComponent("summary.csv")).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, let m = header.firstIndex(of: "metric"), let c = header.firstIndex(of: "count"),
              let s = header.firstIndex(of: "se") else { return [:] }
        var rows: [Int: (Int, Double)] = [:]
        for row in lines.dropFirst() where row[m] == metric { rows[Int(row[0])!] = (Int(row[c])!, Double(row[s])!) }
        return rows
    }

    func precisionRecord(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("run.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try XCTUnwrap(json?["precision"] as? [String: Any], "run.json has a precision entry")
    }

    /// A reference run with 1 worker, made once.
    lazy var oneWorker: URL = {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("one")
        let r = try? BinaryRunner.run(["run", manifest, "--out", out.path, "--workers", "1"])
        XCTAssertEqual(r?.status, 0, r?.stderr ?? "")
        return out
    }()

    /// The target is met at every point, after more than one round at some point, and run.json
    /// and summary.csv agree on the replications and the SEs.
    func testTargetIsMetAtEveryPoint() throws {
        let record = try precisionRecord(oneWorker)
        XCTAssertEqual(record["met"] as? Bool, true, "\(record)")
        XCTAssertGreaterThan(record["rounds"] as? Int ?? 0, 1, "the first round of 16 paths does not meet 0.03 everywhere")
        let points = try XCTUnwrap(record["points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 4)
        let rows = summaryRows(oneWorker, metric: "capture_ratio")
        XCTAssertEqual(rows.count, 4)
        var replications = Set<Int>()
        for p in points {
            let index = try XCTUnwrap(p["point"] as? Int)
            let n = try XCTUnwrap(p["replications"] as? Int)
            let se = try XCTUnwrap(p["se"] as? Double)
            XCTAssertEqual(p["met"] as? Bool, true)
            XCTAssertLessThanOrEqual(se, target)
            XCTAssertEqual(n % 8, 0, "whole shards")
            XCTAssertTrue((16...1024).contains(n))
            XCTAssertEqual(rows[index]?.count, n, "summary.csv's count is the point's replications")
            XCTAssertEqual(rows[index]?.se ?? .nan, se, accuracy: 1e-12 * se, "the SE decided on is the table's")
            replications.insert(n)
        }
        XCTAssertGreaterThan(replications.count, 1, "points stopped at different replications")
        // Every shard of the rounds, and no other, is in the folder.
        XCTAssertEqual(partials(oneWorker).count, points.map { ($0["replications"] as? Int ?? 0) / 8 }.reduce(0, +))
    }

    /// 2 workers: byte-identical tables and the same precision record.
    func testTwoWorkersGiveIdenticalTables() throws {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("two")
        let r = try BinaryRunner.run(["run", manifest, "--out", out.path, "--workers", "2", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for table in tables { XCTAssertEqual(read(out.appendingPathComponent(table)), read(oneWorker.appendingPathComponent(table)), table) }
        XCTAssertEqual(try precisionRecord(out)["points"] as? NSArray, try precisionRecord(oneWorker)["points"] as? NSArray)
        // `reduce` alone replays the rounds from the partials to the same tables.
        let reduced = try BinaryRunner.run(["reduce", out.path])
        XCTAssertEqual(reduced.status, 0, reduced.stderr)
        XCTAssertEqual(read(out.appendingPathComponent("summary.csv")), read(oneWorker.appendingPathComponent("summary.csv")))
    }

    /// A point's extra rounds are the replications it would have from the start: the same point
    /// run without a target and with that many replications has the same summary rows.
    func testExtraRoundsEqualARunWithThatManyReplications() throws {
        let points = try XCTUnwrap(try precisionRecord(oneWorker)["points"] as? [[String: Any]])
        let most = try XCTUnwrap(points.max { ($0["replications"] as! Int) < ($1["replications"] as! Int) })
        let n = most["replications"] as! Int, index = most["point"] as! Int
        let dir = BinaryRunner.temporaryFolder()
        let text = read(BinaryRunner.packageRoot.appendingPathComponent(manifest))
            .replacingOccurrences(of: "replications: 16", with: "replications: \(n)")
            .replacingOccurrences(of: "precision: {metric: capture_ratio, se: 0.03, max_replications: 1024}", with: "")
        XCTAssertFalse(text.contains("precision: {"))
        let plain = BinaryRunner.write(text, named: "plain.yaml", in: dir)
        let out = dir.appendingPathComponent("plain")
        let r = try BinaryRunner.run(["run", plain, "--out", out.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        func rows(_ folder: URL) -> [Substring] {
            read(folder.appendingPathComponent("summary.csv")).split(separator: "\n").filter { $0.hasPrefix("\(index),") }
        }
        XCTAssertEqual(rows(out).count, rows(oneWorker).count)
        XCTAssertFalse(rows(out).isEmpty)
        XCTAssertEqual(rows(out), rows(oneWorker))
    }

    /// `kill -9` part-way through the rounds, then `--resume`: byte-identical tables.
    func testKillNineThenResumeGivesIdenticalTables() throws {
        let dir = BinaryRunner.temporaryFolder()
        // Slower (more slots, so another manifest and other numbers), so that the kill lands mid-run.
        let text = read(BinaryRunner.packageRoot.appendingPathComponent(manifest)).replacingOccurrences(of: "slots: 200", with: "slots: 600")
        let slow = BinaryRunner.write(text, named: "slow.yaml", in: dir)
        let complete = dir.appendingPathComponent("complete"), killed = dir.appendingPathComponent("killed")
        XCTAssertEqual(try BinaryRunner.run(["run", slow, "--out", complete.path, "--quiet", "--workers", "2"]).status, 0)
        let total = partials(complete).count
        XCTAssertGreaterThan(total, 8, "more than the first round")
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["run", slow, "--out", killed.path, "--quiet", "--workers", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Past the first round (8 shards), before the end.
        let deadline = Date().addingTimeInterval(240)
        while partials(killed).count < 10 && process.isRunning && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the run was killed before it finished")
        let done = partials(killed).count
        XCTAssertGreaterThan(done, 8)
        XCTAssertLessThan(done, total)
        let r = try BinaryRunner.run(["run", slow, "--out", killed.path, "--resume", "--workers", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("already complete"), r.stderr)
        for table in tables { XCTAssertEqual(read(killed.appendingPathComponent(table)), read(complete.appendingPathComponent(table)), table) }
        XCTAssertEqual(partials(killed), partials(complete))
    }

    /// SIGTERM in a later round: a clean stop (exit 143) with the resume command, which
    /// continues the rounds to the tables of an uninterrupted run; `inspect` shows the rounds.
    func testSIGTERMMidRoundsStopsCleanlyAndResumes() throws {
        let dir = BinaryRunner.temporaryFolder()
        let text = read(BinaryRunner.packageRoot.appendingPathComponent(manifest)).replacingOccurrences(of: "slots: 200", with: "slots: 600")
        let slow = BinaryRunner.write(text, named: "slow.yaml", in: dir)
        let complete = dir.appendingPathComponent("complete"), stopped = dir.appendingPathComponent("stopped")
        XCTAssertEqual(try BinaryRunner.run(["run", slow, "--out", complete.path, "--quiet", "--workers", "2"]).status, 0)
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["run", slow, "--out", stopped.path, "--workers", "2"]
        let errPath = dir.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errPath)
        try process.run()
        let deadline = Date().addingTimeInterval(240)
        while partials(stopped).count < 10 && process.isRunning && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let stderr = read(errPath)
        XCTAssertEqual(process.terminationReason, .exit, stderr)
        XCTAssertEqual(process.terminationStatus, 143, stderr)
        XCTAssertTrue(stderr.contains("stopped by SIGTERM"), stderr)
        XCTAssertTrue(stderr.contains("the rounds continue from the partials on resume"), stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stopped.appendingPathComponent("summary.csv").path), "no reduce after a stop")
        let inspect = try BinaryRunner.run(["inspect", stopped.path])
        XCTAssertTrue(inspect.stdout.contains("precision: precision round "), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("is not complete"), inspect.stdout)
        let line = stderr.split(separator: "\n").first { $0.hasPrefix("resume with: ") }
        let command = try XCTUnwrap(line.map { String($0.dropFirst("resume with: ".count)) }, stderr)
        let resumed = try BinaryRunner.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: dir)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        for table in tables { XCTAssertEqual(read(stopped.appendingPathComponent(table)), read(complete.appendingPathComponent(table)), table) }
        let after = try BinaryRunner.run(["inspect", stopped.path])
        XCTAssertTrue(after.stdout.contains("met at every point"), after.stdout)
    }

    /// `--shard` and `slurm` refuse a target (exit 2) and say what to do.
    func testShardAndSlurmAreRefused() throws {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("refused")
        let r = try BinaryRunner.run(["run", manifest, "--out", out.path, "--shard", "0/2"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("precision targets run in rounds"), r.stderr)
        XCTAssertTrue(r.stderr.contains("sbatch --cpus-per-task=C --wrap"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "refused before the folder is made")
        let s = try BinaryRunner.run(["slurm", manifest, "--out", out.path, "--tasks", "2"])
        XCTAssertEqual(s.status, 2, s.stderr)
        XCTAssertTrue(s.stderr.contains("precision targets run in rounds"), s.stderr)
    }

    /// `plan` states the rounds' bounds and the pilot's estimate, and says what the estimate is.
    func testPlanShowsThePilotEstimate() throws {
        let r = try BinaryRunner.run(["plan", manifest])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("precision: SE of capture_ratio's point mean <= 0.03"), r.stdout)
        XCTAssertTrue(r.stdout.contains("estimate from a pilot"), r.stdout)
        XCTAssertTrue(r.stdout.contains("(sd / se)^2"), r.stdout)
        let j = try BinaryRunner.run(["plan", manifest, "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        let precision = try XCTUnwrap(json?["precision"] as? [String: Any])
        XCTAssertEqual(precision["max_shards"] as? Int, 4 * 1024 / 8, "4 points of at most 1024 paths in shards of 8")
        XCTAssertEqual(precision["first_round_shards"] as? Int, 8)
        XCTAssertNotNil(precision["replications_needed_max"] as? Int)
    }
}
