import Foundation
import SweepTestSupport
import XCTest

/// SPEC.md "Faults and bad input": SIGTERM and SIGINT stop a run cleanly (exit 143 or 130), say
/// what is done and the command that resumes, and that command gives byte-identical tables.
final class SignalStopTests: XCTestCase {
    let tables = ["summary.csv", "points.csv", "histograms.csv", "correlations.csv"]

    func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(url.path)>" }

    func partials(_ folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("shards").path)) ?? []
        return names.filter { $0.hasSuffix(".part") }.sorted()
    }

    /// The small grid made slower (more slots), so that a signal lands mid-run; its shards of 8
    /// paths are a single batch, so `run` stops between shards. `shardSize` 64 (with 64
    /// replications) gives shards of two batches of 32, so a stop can land inside a shard.
    func slowManifest(in dir: URL, slots: Int = 2000, replications: Int = 24, shardSize: Int = 8) -> String {
        let text = read(BinaryRunner.packageRoot.appendingPathComponent("Tests/Manifests/small-grid.yaml"))
            .replacingOccurrences(of: "slots: 400", with: "slots: \(slots)")
            .replacingOccurrences(of: "replications: 24", with: "replications: \(replications)")
            .replacingOccurrences(of: "shard_size: 8", with: "shard_size: \(shardSize)")
        return BinaryRunner.write(text, named: "slow-\(replications)-\(shardSize).yaml", in: dir)
    }

    /// Runs `run` in `dir`, sends `signal` once `atLeast` partials exist, and returns the exit
    /// status and standard error.
    func runAndSignal(_ arguments: [String], in dir: URL, out: URL, signal: Int32, atLeast: Int) throws -> (Process, String) {
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = dir
        let errPath = dir.appendingPathComponent("stderr-\(signal).txt")
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errPath)
        try process.run()
        let deadline = Date().addingTimeInterval(240)
        while partials(out).count < atLeast && process.isRunning && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, signal)
        let stopDeadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < stopDeadline { usleep(2_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process, read(errPath))
    }

    /// Signals a run, checks the stop, pastes the printed resume command into a shell, and
    /// compares every table with a clean run's.
    func check(signal: Int32, name: String, status: Int32, slots: Int, replications: Int, shardSize: Int, extra: [String]) throws {
        let dir = BinaryRunner.temporaryFolder()
        let manifest = slowManifest(in: dir, slots: slots, replications: replications, shardSize: shardSize)
        let clean = dir.appendingPathComponent("clean")
        XCTAssertEqual(try BinaryRunner.run(["run", manifest, "--out", clean.path, "--quiet"]).status, 0)
        // A folder name that runs `touch X` if a printed command is not quoted.
        let out = dir.appendingPathComponent("out dir $(touch X)")
        let (process, stderr) = try runAndSignal(["run", manifest, "--out", out.path] + extra, in: dir, out: out, signal: signal, atLeast: 1)
        XCTAssertEqual(process.terminationReason, .exit, "a clean stop is an exit, not a death by the signal: \(stderr)")
        XCTAssertEqual(process.terminationStatus, status, stderr)
        let done = partials(out).count
        let shards = 8 * (replications / shardSize)
        XCTAssertGreaterThan(done, 0)
        XCTAssertLessThan(done, shards, "the run was stopped before it finished")
        XCTAssertTrue(stderr.contains("stopped by \(name): \(done) of \(shards) shards complete"), stderr)
        XCTAssertTrue(stderr.contains("the shards in flight were abandoned"), stderr)
        // No reduce after a stop, no temporary file left, every partial left is complete.
        for table in tables { XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent(table).path), table) }
        let names = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("shards").path)
        XCTAssertFalse(names.contains { $0.contains(".tmp") }, "\(names)")
        let inspect = try BinaryRunner.run(["inspect", out.path])
        XCTAssertTrue(inspect.stdout.contains("shards: \(done) of \(shards) complete"), inspect.stdout)
        XCTAssertFalse(inspect.stdout.contains("corrupt"), inspect.stdout)
        // The printed command, pasted into a shell as it is, resumes.
        let line = stderr.split(separator: "\n").first { $0.hasPrefix("resume with: ") }
        let command = try XCTUnwrap(line.map { String($0.dropFirst("resume with: ".count)) }, stderr)
        XCTAssertTrue(command.hasSuffix(" --resume" + (extra.contains("--quiet") ? " --quiet" : "")), command)
        let resumed = try BinaryRunner.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: dir)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("X").path), "the printed command ran `touch X`")
        if !extra.contains("--quiet") {
            XCTAssertTrue(resumed.stderr.contains("computed \(shards - done) of \(shards) shards"), resumed.stderr)
        }
        for table in tables {
            let a = read(clean.appendingPathComponent(table))
            XCTAssertFalse(a.hasPrefix("<missing"), a)
            XCTAssertEqual(read(out.appendingPathComponent(table)), a, "\(table) after \(name) and --resume")
        }
    }

    func testSIGTERMStopsCleanlyAndResumesToIdenticalTables() throws {
        try check(signal: SIGTERM, name: "SIGTERM", status: 143, slots: 2000, replications: 24, shardSize: 8, extra: ["--workers", "2"])
    }

    /// Shards of two batches: a stop inside a shard abandons it.
    func testSIGINTStopsCleanlyAndResumesToIdenticalTables() throws {
        try check(signal: SIGINT, name: "SIGINT", status: 130, slots: 1000, replications: 64, shardSize: 64, extra: ["--quiet"])
    }

    /// A second signal ends the run at once, still with 130 and without a temporary file or a
    /// partial that looks complete.
    func testASecondSignalEndsTheRunAtOnce() throws {
        let dir = BinaryRunner.temporaryFolder()
        let manifest = slowManifest(in: dir, slots: 1000, replications: 64, shardSize: 64)
        let out = dir.appendingPathComponent("twice")
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["run", manifest, "--out", out.path, "--quiet"]
        let errPath = dir.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errPath)
        try process.run()
        let deadline = Date().addingTimeInterval(240)
        while partials(out).isEmpty && process.isRunning && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGINT)
        usleep(20_000)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = read(errPath)
        XCTAssertEqual(process.terminationReason, .exit, stderr)
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("second SIGINT: stopping at once") || stderr.contains("stopped by SIGINT"), stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("shards").path)
        XCTAssertFalse(names.contains { $0.contains(".tmp") }, "\(names)")
        let inspect = try BinaryRunner.run(["inspect", out.path])
        XCTAssertTrue(inspect.stdout.contains("shards: \(partials(out).count) of 8 complete"), inspect.stdout)
    }

    /// A job-array task stops the same way and names both ways to resume.
    func testASignalledJobArrayTaskSaysHowToResume() throws {
        let dir = BinaryRunner.temporaryFolder()
        let manifest = slowManifest(in: dir)
        let out = dir.appendingPathComponent("array")
        let (process, stderr) = try runAndSignal(
            ["run", manifest, "--out", out.path, "--shard", "1/3", "--quiet"], in: dir, out: out, signal: SIGTERM, atLeast: 1)
        XCTAssertEqual(process.terminationStatus, 143, stderr)
        let done = partials(out)
        XCTAssertTrue(stderr.contains("task 1/3: stopped by SIGTERM: \(done.count) of 8 shards complete"), stderr)
        // Task 1 of 3 owns shards 1, 4, 7, ...: nothing of another task was written.
        for name in done { XCTAssertEqual(Int(name.dropFirst(6).prefix(7))! % 3, 1, name) }
        XCTAssertTrue(stderr.contains("resume with: \(BinaryRunner.binary.path) run \(manifest) --out \(out.path) --shard 1/3 --resume --quiet"), stderr)
        XCTAssertTrue(stderr.contains("\(BinaryRunner.binary.path) slurm \(manifest) --out \(out.path) --resume --submit"), stderr)
    }
}
