import Foundation
import SweepTestSupport
import XCTest

/// `ticketsweep slurm`: job scripts and the submit hint safe for any folder name, and
/// `--resume` submitting only the unfinished tasks. A fake `sbatch` on `PATH` records what it
/// is given (the real one is exercised by scripts/test-slurm).
final class SlurmCommandTests: XCTestCase {
    let smallGrid = BinaryRunner.packageRoot.appendingPathComponent("Tests/Manifests/small-grid.yaml").path

    /// A folder with a fake `sbatch` that appends its arguments (one a line, then `---`) to
    /// `sbatch.log` and answers job id 4242 on cluster `c` (as `--parsable` does on a federation).
    func fakeSlurm(in dir: URL) throws -> (environment: [String: String], log: URL) {
        let bin = dir.appendingPathComponent("fake-bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = dir.appendingPathComponent("sbatch.log")
        let script = BinaryRunner.write("""
            #!/bin/sh
            printf '%s\\n' "$@" >> "$FAKE_SBATCH_LOG"
            echo --- >> "$FAKE_SBATCH_LOG"
            echo '4242;c'

            """, named: "sbatch", in: bin)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return (["PATH": path, "FAKE_SBATCH_LOG": log.path], log)
    }

    func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    func lines(_ text: String, prefix: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    /// A results folder named `out dir $(touch X)`: the `#SBATCH --output=` lines escape it for
    /// sbatch's own parser, the `exec` lines quote it for bash, and the printed hint, run by a
    /// shell, hands sbatch exactly the two script paths and runs nothing else.
    func testScriptsAndSubmitHintAreSafeForAFolderWithShellCharacters() throws {
        let dir = BinaryRunner.temporaryFolder()
        XCTAssertFalse(dir.path.contains(where: { " '\"\\$#%".contains($0) }), "the scratch path itself is plain")
        let out = dir.appendingPathComponent("out dir $(touch X)")
        let r = try BinaryRunner.run(["slurm", smallGrid, "--out", out.path, "--tasks", "3", "--binary", "/opt/ts bin/ticketsweep"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let slurm = out.appendingPathComponent("slurm")
        let array = read(slurm.appendingPathComponent("array.sbatch"))
        let reduce = read(slurm.appendingPathComponent("reduce.sbatch"))
        XCTAssertEqual(lines(array, prefix: "#SBATCH --output="), ["#SBATCH --output=\"\(dir.path)/out dir $(touch X)/slurm/task-%A_%a.out\""])
        XCTAssertEqual(lines(reduce, prefix: "#SBATCH --output="), ["#SBATCH --output=\"\(dir.path)/out dir $(touch X)/slurm/reduce-%j.out\""])
        XCTAssertEqual(lines(array, prefix: "#SBATCH --array="), ["#SBATCH --array=0-2"])
        XCTAssertEqual(lines(array, prefix: "exec "), [
            "exec '/opt/ts bin/ticketsweep' run \(smallGrid) --out '\(out.path)' --shard \"$SLURM_ARRAY_TASK_ID/3\" --workers \"${SLURM_CPUS_PER_TASK:-1}\"",
        ])
        XCTAssertEqual(lines(reduce, prefix: "exec "), ["exec '/opt/ts bin/ticketsweep' reduce '\(out.path)'"])
        let hint = try XCTUnwrap(lines(r.stdout, prefix: "submit with: ").first, r.stdout)
        XCTAssertEqual(hint, "submit with: jobid=$(sbatch --parsable '\(slurm.path)/array.sbatch') && sbatch --dependency=afterok:${jobid%%;*} '\(slurm.path)/reduce.sbatch'")
        let (environment, log) = try fakeSlurm(in: dir)
        let pasted = try BinaryRunner.run(
            executable: URL(fileURLWithPath: "/bin/sh"), ["-c", String(hint.dropFirst("submit with: ".count))], in: dir, environment: environment)
        XCTAssertEqual(pasted.status, 0, pasted.stderr)
        XCTAssertEqual(read(log), "--parsable\n\(slurm.path)/array.sbatch\n---\n--dependency=afterok:4242\n\(slurm.path)/reduce.sbatch\n---\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("X").path), "the hint ran `touch X`")
        let record = try JSONSerialization.jsonObject(with: Data(read(slurm.appendingPathComponent("slurm.json")).utf8)) as? [String: Any]
        XCTAssertEqual(record?["tasks"] as? Int, 3)
        XCTAssertEqual(record?["shard_count"] as? Int, 24)
    }

    /// After tasks 1 (missing) and 2 (one corrupt partial) failed, `--resume --submit` submits an
    /// array of tasks 1 and 2 of the same 3 and a reduce after it; with every shard complete,
    /// only the reduce; with the tables written, nothing.
    func testResumeSubmitsOnlyTheUnfinishedTasks() throws {
        let dir = BinaryRunner.temporaryFolder()
        let out = dir.appendingPathComponent("cluster")
        let (environment, log) = try fakeSlurm(in: dir)
        let slurm = out.appendingPathComponent("slurm")
        XCTAssertEqual(try BinaryRunner.run(["slurm", smallGrid, "--out", out.path, "--tasks", "3", "--submit"], in: dir, environment: environment).status, 0)
        try Data().write(to: log)
        for task in [0, 2] {
            XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--shard", "\(task)/3", "--quiet"]).status, 0)
        }
        // Shard 5 belongs to task 2 (5 mod 3).
        let part = out.appendingPathComponent("shards/shard-0000005.part")
        var bytes = try Data(contentsOf: part)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: part)

        let r = try BinaryRunner.run(["slurm", smallGrid, "--out", out.path, "--resume", "--submit"], in: dir, environment: environment)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("9 of 24 shards are missing or corrupt, in 2 of 3 tasks: 1-2"), r.stdout)
        XCTAssertTrue(r.stdout.contains("submitted array job 4242 and reduce job 4242"), r.stdout)
        let array = read(slurm.appendingPathComponent("array.sbatch"))
        XCTAssertEqual(lines(array, prefix: "#SBATCH --array="), ["#SBATCH --array=1-2"])
        XCTAssertTrue(array.contains("--shard \"$SLURM_ARRAY_TASK_ID/3\""), array)
        XCTAssertEqual(read(log), "--parsable\n\(slurm.path)/array.sbatch\n---\n--parsable\n--dependency=afterok:4242\n\(slurm.path)/reduce.sbatch\n---\n")

        // Task 1 done too, task 2 still failed: an array of task 2 alone.
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--shard", "1/3", "--quiet"]).status, 0)
        let only2 = try BinaryRunner.run(["slurm", smallGrid, "--out", out.path, "--resume"], in: dir, environment: environment)
        XCTAssertTrue(only2.stdout.contains("1 of 24 shards are missing or corrupt, in 1 of 3 tasks: 2"), only2.stdout)
        XCTAssertEqual(lines(read(slurm.appendingPathComponent("array.sbatch")), prefix: "#SBATCH --array="), ["#SBATCH --array=2"])

        // Every shard complete, no tables: the reduce alone.
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--shard", "2/3", "--quiet"]).status, 0)
        try Data().write(to: log)
        let reduceOnly = try BinaryRunner.run(["slurm", smallGrid, "--out", out.path, "--resume", "--submit"], in: dir, environment: environment)
        XCTAssertEqual(reduceOnly.status, 0, reduceOnly.stderr)
        XCTAssertTrue(reduceOnly.stdout.contains("submitted reduce job 4242"), reduceOnly.stdout)
        XCTAssertEqual(read(log), "--parsable\n\(slurm.path)/reduce.sbatch\n---\n")

        // Reduced: nothing to submit.
        XCTAssertEqual(try BinaryRunner.run(["reduce", out.path]).status, 0)
        try Data().write(to: log)
        let nothing = try BinaryRunner.run(["slurm", smallGrid, "--out", out.path, "--resume", "--submit"], in: dir, environment: environment)
        XCTAssertEqual(nothing.status, 0, nothing.stderr)
        XCTAssertTrue(nothing.stdout.contains("nothing to submit"), nothing.stdout)
        XCTAssertEqual(read(log), "")
    }

    /// `--resume` needs the recorded split, and refuses another one.
    func testResumeRefusesAnUnknownOrDifferentSplit() throws {
        let dir = BinaryRunner.temporaryFolder()
        let out = dir.appendingPathComponent("plain")
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--shard", "0/4", "--quiet"]).status, 0)
        let unknown = try BinaryRunner.run(["slurm", smallGrid, "--out", out.path, "--resume"], in: dir)
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("slurm.json not found") && unknown.stderr.contains("--tasks N"), unknown.stderr)
        let given = try BinaryRunner.run(["slurm", smallGrid, "--out", out.path, "--resume", "--tasks", "4"], in: dir)
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertTrue(given.stdout.contains("18 of 24 shards are missing or corrupt, in 3 of 4 tasks: 1-3"), given.stdout)
        let other = try BinaryRunner.run(["slurm", smallGrid, "--out", out.path, "--resume", "--tasks", "5"], in: dir)
        XCTAssertEqual(other.status, 2, other.stderr)
        XCTAssertTrue(other.stderr.contains("--tasks 5 differs from the 4 tasks recorded"), other.stderr)
        let noTasks = try BinaryRunner.run(["slurm", smallGrid, "--out", out.path], in: dir)
        XCTAssertEqual(noTasks.status, 2, noTasks.stderr)
        XCTAssertTrue(noTasks.stderr.contains("--tasks N is required"), noTasks.stderr)
    }
}
