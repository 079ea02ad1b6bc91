import Foundation
import SweepTestSupport
import XCTest

/// `plan` (sizes, the calibrated time, warnings), `inspect` (a results folder's state), `--help`
/// and shell completions.
final class PlanInspectTests: XCTestCase {
    let smallGrid = "Tests/Manifests/small-grid.yaml"

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// small-grid: a 2 x 2 grid crossed with a zip of 2 = 8 points; 24 replications in shards of
    /// 8 = 3 per point, 24 shards; 400 slots plus the warmup 4 (L + H*) = 4 (8 + 16) = 96.
    func testPlanJSON() throws {
        let r = try BinaryRunner.run(["plan", smallGrid, "--json", "--workers", "2"], timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "", "no warnings for a small plan")
        let plan = try json(r.stdout)
        XCTAssertEqual(plan["name"] as? String, "small-grid")
        XCTAssertEqual(plan["manifest"] as? String, smallGrid)
        XCTAssertEqual(plan["points"] as? Int, 8)
        XCTAssertEqual(plan["shards"] as? Int, 24)
        XCTAssertEqual(plan["shard_size"] as? Int, 8)
        XCTAssertEqual(plan["replications"] as? Int, 24)
        XCTAssertEqual(plan["slots"] as? Int, 400)
        XCTAssertEqual(plan["paths"] as? Int, 192)
        XCTAssertEqual((plan["slot_steps"] as? NSNumber)?.doubleValue, 192 * (400 + 96))
        XCTAssertEqual(plan["workers"] as? Int, 2)
        XCTAssertEqual(plan["columns"] as? [String], ["pricing.quotient", "builders.noise", "buyers[lottery].count", "buyers[lottery].discount_rate"])
        XCTAssertEqual(plan["warnings"] as? [String], [])
        let rate = try XCTUnwrap((plan["calibration_slot_steps_per_second"] as? NSNumber)?.doubleValue)
        let seconds = try XCTUnwrap((plan["estimated_seconds"] as? NSNumber)?.doubleValue)
        let calibration = try XCTUnwrap((plan["calibration_seconds"] as? NSNumber)?.doubleValue)
        let bytes = try XCTUnwrap(plan["estimated_output_bytes"] as? Int)
        XCTAssertGreaterThan(rate, 1e3, "a debug build does more than a thousand slot-steps a second")
        XCTAssertLessThan(rate, 1e9)
        // Never faster than the slot-steps at the calibrated rate spread over the workers.
        XCTAssertGreaterThanOrEqual(seconds, 192 * 496 / rate / 2)
        XCTAssertLessThan(seconds, 600)
        XCTAssertLessThan(calibration, 1.5, "the calibration is short")
        XCTAssertGreaterThan(bytes, 100_000)
        XCTAssertLessThan(bytes, 100_000_000)
        XCTAssertEqual(Set(plan.keys), [
            "manifest", "name", "points", "replications", "slots", "shards", "shard_size", "paths", "slot_steps", "columns",
            "workers", "estimated_seconds", "calibration_slot_steps_per_second", "calibration_seconds",
            "estimated_output_bytes", "warnings",
        ])
    }

    /// The estimate is of the right size: a run of small-grid takes within a factor of 8 of it
    /// (wide: the machine is shared, and its load moves between the two).
    func testPlanEstimateMatchesARun() throws {
        let plan = try json(try BinaryRunner.run(["plan", smallGrid, "--json", "--workers", "1"], timeout: 60).stdout)
        let estimate = try XCTUnwrap((plan["estimated_seconds"] as? NSNumber)?.doubleValue)
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("timed")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let r = try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--workers", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let summary = try XCTUnwrap(r.stderr.split(separator: "\n").last.map(String.init))
        let measured = try XCTUnwrap(summary.split(separator: " ").dropFirst(6).first.flatMap { Double($0) }, summary)
        XCTAssertGreaterThan(measured, estimate / 8, "\(summary); estimated \(estimate) s")
        XCTAssertLessThan(measured, estimate * 8, "\(summary); estimated \(estimate) s")
    }

    func testPlanTextAndNoCalibrate() throws {
        let r = try BinaryRunner.run(["plan", smallGrid], timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("small-grid: 8 points x 24 replications = 192 paths of 400 slots\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\nshards: 24 (8 replications each)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\ntime: about "), r.stdout)
        XCTAssertTrue(r.stdout.contains("slot-steps/s per worker)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\noutput: about "), r.stdout)

        let quick = try BinaryRunner.run(["plan", smallGrid, "--no-calibrate", "--json"], timeout: 60)
        XCTAssertEqual(quick.status, 0, quick.stderr)
        let plan = try json(quick.stdout)
        XCTAssertTrue(plan["estimated_seconds"] is NSNull, quick.stdout)
        XCTAssertTrue(plan["calibration_slot_steps_per_second"] is NSNull, quick.stdout)
        XCTAssertEqual(plan["points"] as? Int, 8)
        XCTAssertLessThan(quick.seconds, 2)
        let text = try BinaryRunner.run(["plan", smallGrid, "--no-calibrate"], timeout: 60)
        XCTAssertTrue(text.stdout.contains("\ntime: not estimated (--no-calibrate)\n"), text.stdout)
    }

    /// A plan of more than a day and more than 10 GB: a warning for each, on standard error,
    /// before the plan; exit 0.
    func testPlanWarnsOfLongAndLargeSweeps() throws {
        let dir = BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent(smallGrid), encoding: .utf8)
            .replacingOccurrences(of: "replications: 24", with: "replications: 100000000")
            .replacingOccurrences(of: "shard_size: 8", with: "shard_size: 10000000")
        let path = BinaryRunner.write(text, named: "huge.yaml", in: dir)
        let r = try BinaryRunner.run(["plan", path, "--json"], timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        let warnings = r.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(warnings.count, 2, r.stderr)
        XCTAssertTrue(warnings[0].hasPrefix("warning: this sweep would run for about "), r.stderr)
        XCTAssertTrue(warnings[1].hasPrefix("warning: this sweep would write about "), r.stderr)
        XCTAssertTrue(warnings[1].contains(" GB of results"), r.stderr)
        let plan = try json(r.stdout)
        XCTAssertGreaterThan((plan["estimated_seconds"] as? NSNumber)?.doubleValue ?? 0, 86_400)
        XCTAssertGreaterThan((plan["estimated_output_bytes"] as? NSNumber)?.doubleValue ?? 0, 10e9)
        XCTAssertEqual((plan["warnings"] as? [String])?.count, 2)
        XCTAssertEqual(plan["shards"] as? Int, 80)
    }

    /// A complete folder, one with shards missing (named), and one whose partial was rewritten
    /// after the tables (stale until reduced again).
    func testInspect() throws {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("inspected")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--quiet"]).status, 0)

        let complete = try BinaryRunner.run(["inspect", out.path])
        XCTAssertEqual(complete.status, 0, complete.stderr)
        XCTAssertTrue(complete.stdout.contains("folder: \(out.path)\n"), complete.stdout)
        XCTAssertTrue(complete.stdout.contains("manifest: small-grid (sha256 "), complete.stdout)
        XCTAssertTrue(complete.stdout.contains("points: 8, replications: 24, slots: 400\n"), complete.stdout)
        XCTAssertTrue(complete.stdout.contains("shards: 24 of 24 complete\n"), complete.stdout)
        XCTAssertTrue(complete.stdout.contains("compute time: "), complete.stdout)
        XCTAssertTrue(complete.stdout.contains("tables: current\n"), complete.stdout)
        XCTAssertTrue(complete.stdout.contains("--- manifest.yaml ---\nname: small-grid\n"), complete.stdout)

        // Shards 5 and 17 gone: named, and the tables no longer match the shards.
        let shards = out.appendingPathComponent("shards")
        let names = try FileManager.default.contentsOfDirectory(atPath: shards.path).filter { $0.hasSuffix(".part") }.sorted()
        XCTAssertEqual(names.count, 24)
        let five = shards.appendingPathComponent(names[5]), seventeen = shards.appendingPathComponent(names[17])
        try FileManager.default.removeItem(at: five)
        try FileManager.default.removeItem(at: seventeen)
        let missing = try BinaryRunner.run(["inspect", out.path])
        XCTAssertEqual(missing.status, 0, missing.stderr)
        XCTAssertTrue(missing.stdout.contains("shards: 22 of 24 complete\n"), missing.stdout)
        XCTAssertTrue(missing.stdout.contains("2 of 24 shards are missing: 5,17\n"), missing.stdout)
        XCTAssertTrue(missing.stdout.contains("tables: stale (shards are missing or corrupt, below)"), missing.stdout)

        // Task 2 of 3 owns shards 5 and 17: it rewrites them, and does not reduce.
        XCTAssertEqual(try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--shard", "2/3", "--quiet"]).status, 0)
        let stale = try BinaryRunner.run(["inspect", out.path])
        XCTAssertTrue(stale.stdout.contains("shards: 24 of 24 complete\n"), stale.stdout)
        XCTAssertTrue(stale.stdout.contains("tables: stale (partials changed since the tables were written; run `ticketsweep reduce \(out.path)`)"), stale.stdout)

        // A partial copied in (an older file, newer on disk) also makes the tables stale.
        XCTAssertEqual(try BinaryRunner.run(["reduce", out.path]).status, 0)
        XCTAssertTrue(try BinaryRunner.run(["inspect", out.path]).stdout.contains("tables: current\n"))
        let copy = try Data(contentsOf: seventeen)
        Thread.sleep(forTimeInterval: 0.05)
        try copy.write(to: seventeen)
        XCTAssertTrue(try BinaryRunner.run(["inspect", out.path]).stdout.contains("tables: stale (partials changed"))
    }

    func testInspectOfAFolderThatIsNotOne() throws {
        let r = try BinaryRunner.run(["inspect", "/no/such/folder"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("is not a ticketsweep results folder"), r.stderr)
    }

    /// The subcommands, as the top-level help lists them.
    func subcommands() throws -> [String] {
        let help = try BinaryRunner.run(["--help"]).stdout
        let section = try XCTUnwrap(help.components(separatedBy: "SUBCOMMANDS:\n").last)
        return section.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first,
                  word.allSatisfy(\.isLowercase) else { return nil }
            return String(word)
        }
    }

    /// Every subcommand's help shows an example of itself.
    func testEveryCommandHasHelpWithAnExample() throws {
        let commands = try subcommands()
        XCTAssertTrue(Set(["validate", "plan", "run", "reduce", "slurm", "inspect", "reference"]).isSubset(of: commands), "\(commands)")
        for command in commands {
            let r = try BinaryRunner.run([command, "--help"])
            XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("Example"), "\(command) --help has an example:\n\(r.stdout)")
            XCTAssertTrue(r.stdout.contains("  ticketsweep \(command) "), "\(command) --help shows the command in use:\n\(r.stdout)")
        }
        let top = try BinaryRunner.run(["--help"])
        XCTAssertEqual(top.status, 0)
        XCTAssertTrue(top.stdout.contains("ticketsweep validate sweeps/quickstart.yaml"), top.stdout)
    }

    /// swift-argument-parser's completion scripts: bash (checked by bash itself), zsh and fish.
    func testShellCompletions() throws {
        let r = try BinaryRunner.run(["--generate-completion-script", "bash"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for command in try subcommands() {
            XCTAssertTrue(r.stdout.contains(command), "the bash completion offers \(command)")
        }
        XCTAssertTrue(r.stdout.contains("--no-calibrate"), "and the options of each command")
        let dir = BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = BinaryRunner.write(r.stdout, named: "ticketsweep.bash", in: dir)
        let syntax = try BinaryRunner.run(executable: URL(fileURLWithPath: "/bin/bash"), ["-n", file])
        XCTAssertEqual(syntax.status, 0, "bash -n: \(syntax.stderr)")
        for shell in ["zsh", "fish"] {
            let other = try BinaryRunner.run(["--generate-completion-script", shell])
            XCTAssertEqual(other.status, 0, "\(shell): \(other.stderr)")
            XCTAssertTrue(other.stdout.contains("inspect"), shell)
        }
    }
}
