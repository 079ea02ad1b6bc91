import Foundation
import SweepTestSupport
import XCTest

/// SPEC.md "Faults and bad input": crashes, corrupt partials, foreign folders, job-array tasks.
final class FaultToleranceTests: XCTestCase {
    let smallGrid = "Tests/Manifests/small-grid.yaml"

    func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(url.path)>" }

    func partials(_ folder: URL) -> [URL] {
        let shards = folder.appendingPathComponent("shards")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shards.path)) ?? []
        return names.filter { $0.hasSuffix(".part") }.sorted().map { shards.appendingPathComponent($0) }
    }

    /// A reference run of the small grid, made once.
    lazy var reference: URL = {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("reference")
        let r = try? BinaryRunner.run(["run", smallGrid, "--out", out.path, "--quiet"])
        XCTAssertEqual(r?.status, 0, r?.stderr ?? "")
        return out
    }()

    /// `run --shard i/3` three times, then `reduce`: the same tables as a local run.
    func testJobArrayTasksPlusReduceMatchLocalRun() throws {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("array")
        for i in 0..<3 {
            let r = try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--shard", "\(i)/3", "--quiet"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("task \(i)/3"), r.stdout)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.csv").path), "a task does not reduce")
        }
        let r = try BinaryRunner.run(["reduce", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        for table in ["summary.csv", "points.csv", "histograms.csv", "correlations.csv"] {
            XCTAssertEqual(read(out.appendingPathComponent(table)), read(reference.appendingPathComponent(table)), table)
        }
    }

    /// Reduce names the missing shards and exits 1; a resumed run completes them.
    func testReduceNamesMissingShards() throws {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("partial")
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--shard", "0/3", "--quiet"]).status, 0)
        let r = try BinaryRunner.run(["reduce", out.path])
        XCTAssertEqual(r.status, 1)
        // 8 points x 3 blocks = 24 shards; task 0 of 3 ran shards 0, 3, 6, ...
        XCTAssertTrue(r.stderr.contains("16 of 24 shards are missing: 1-2,4-5,7-8"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--resume"), r.stderr)
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--resume", "--quiet"]).status, 0)
        XCTAssertEqual(read(out.appendingPathComponent("summary.csv")), read(reference.appendingPathComponent("summary.csv")))
    }

    /// A truncated and a bit-flipped partial are named by reduce; --resume recomputes exactly them.
    func testCorruptPartialsAreNamedAndRecomputed() throws {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("corrupt")
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--quiet"]).status, 0)
        let files = partials(out)
        XCTAssertEqual(files.count, 24)
        var truncated = try Data(contentsOf: files[3])
        truncated.removeLast(100)
        try truncated.write(to: files[3])
        var flipped = try Data(contentsOf: files[10])
        flipped[flipped.count / 2] ^= 0x10
        try flipped.write(to: files[10])
        let r = try BinaryRunner.run(["reduce", out.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains(files[3].lastPathComponent), r.stderr)
        XCTAssertTrue(r.stderr.contains(files[10].lastPathComponent), r.stderr)
        XCTAssertTrue(r.stderr.contains("corrupt"), r.stderr)
        let resumed = try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("computed 2 of 24 shards"), resumed.stderr)
        XCTAssertEqual(read(out.appendingPathComponent("summary.csv")), read(reference.appendingPathComponent("summary.csv")))
    }

    /// SIGKILL part-way through, then --resume: byte-identical tables.
    func testKillNineThenResumeGivesIdenticalTables() throws {
        let dir = BinaryRunner.temporaryFolder()
        // A slower copy of the small grid, so that the kill lands mid-run.
        let text = read(BinaryRunner.packageRoot.appendingPathComponent(smallGrid)).replacingOccurrences(of: "slots: 400", with: "slots: 4000")
        let manifest = BinaryRunner.write(text, named: "slow.yaml", in: dir)
        let complete = dir.appendingPathComponent("complete"), killed = dir.appendingPathComponent("killed")
        XCTAssertEqual(try BinaryRunner.run(["run", manifest, "--out", complete.path, "--quiet"]).status, 0)
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["run", manifest, "--out", killed.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while partials(killed).count < 3 && process.isRunning && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the run was killed before it finished")
        let done = partials(killed).count
        XCTAssertGreaterThan(done, 0)
        XCTAssertLessThan(done, 24)
        let r = try BinaryRunner.run(["run", manifest, "--out", killed.path, "--resume"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("(\(done) already complete)") || r.stderr.contains("already complete"), r.stderr)
        for table in ["summary.csv", "histograms.csv", "correlations.csv"] {
            XCTAssertEqual(read(killed.appendingPathComponent(table)), read(complete.appendingPathComponent(table)), table)
        }
    }

    /// A folder holding another manifest's partials is refused with exit 2 unless --force.
    func testForeignFolderIsRefused() throws {
        let dir = BinaryRunner.temporaryFolder()
        let text = read(BinaryRunner.packageRoot.appendingPathComponent(smallGrid)).replacingOccurrences(of: "seed: 99", with: "seed: 100")
        let other = BinaryRunner.write(text, named: "other.yaml", in: dir)
        let out = dir.appendingPathComponent("shared")
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--shard", "0/8", "--quiet"]).status, 0)
        let refused = try BinaryRunner.run(["run", other, "--out", out.path, "--quiet"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("another manifest"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
        XCTAssertEqual(partials(out).count, 3, "nothing was lost")
        let forced = try BinaryRunner.run(["run", other, "--out", out.path, "--quiet", "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
    }

    /// An output folder that cannot be created fails cleanly, without a partial.
    func testUnwritableOutputFolderFailsCleanly() throws {
        let dir = BinaryRunner.temporaryFolder()
        let blocker = BinaryRunner.write("not a folder", named: "file", in: dir)
        let r = try BinaryRunner.run(["run", smallGrid, "--out", blocker + "/results", "--quiet"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot create results folder"), r.stderr)
        let r2 = try BinaryRunner.run(["run", smallGrid, "--out", blocker, "--quiet"])
        XCTAssertEqual(r2.status, 2, r2.stderr)
        XCTAssertTrue(r2.stderr.contains("is not a folder"), r2.stderr)
    }
}

/// A full disk: a small tmpfs (needs root, as in CI; skipped otherwise).
final class FullDiskTests: XCTestCase {
    func shell(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// The run fails with a clear message (exit 1) and leaves only complete, valid partials and
    /// no temporary files; after space is freed, --resume completes the same tables as a run on
    /// a roomy disk.
    func testFullDiskFailsCleanlyAndResumes() throws {
        let mount = BinaryRunner.temporaryFolder().appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        // 128 KiB: the manifest and about half of small-grid's 24 partials (about 6.6 KB each, two
        // pages on a tmpfs), so that the disk fills while shards are being written.
        guard shell("mount -t tmpfs -o size=128k tmpfs '\(mount.path)'") == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (needs root)")
        }
        defer { _ = shell("umount '\(mount.path)'") }
        let out = mount.appendingPathComponent("out")
        let r = try BinaryRunner.run(["run", "Tests/Manifests/small-grid.yaml", "--out", out.path, "--quiet"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("No space left on device"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--resume"), r.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("shards").path)
        XCTAssertFalse(names.contains { $0.contains(".tmp") }, "\(names)")
        XCTAssertGreaterThan(names.filter { $0.hasSuffix(".part") }.count, 0)
        // Every partial left behind is complete: inspect counts them as done, none as corrupt.
        let inspect = try BinaryRunner.run(["inspect", out.path])
        XCTAssertFalse(inspect.stdout.contains("corrupt"), inspect.stdout)
        // Free space by moving the folder to a roomy disk, then resume.
        let roomy = BinaryRunner.temporaryFolder().appendingPathComponent("moved")
        try FileManager.default.copyItem(at: out, to: roomy)
        let resumed = try BinaryRunner.run(["run", "Tests/Manifests/small-grid.yaml", "--out", roomy.path, "--resume", "--quiet"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let reference = BinaryRunner.temporaryFolder().appendingPathComponent("reference")
        XCTAssertEqual(try BinaryRunner.run(["run", "Tests/Manifests/small-grid.yaml", "--out", reference.path, "--quiet"]).status, 0)
        XCTAssertEqual(
            try String(contentsOf: roomy.appendingPathComponent("summary.csv"), encoding: .utf8),
            try String(contentsOf: reference.appendingPathComponent("summary.csv"), encoding: .utf8))
    }
}
