import Foundation
import SweepTestSupport
import XCTest

/// `run`'s progress on standard error: JSON lines in a log, a bar redrawn in place on a terminal,
/// nothing with `--quiet`; a summary line at the end unless quiet.
final class ProgressOutputTests: XCTestCase {
    let smallGrid = "Tests/Manifests/small-grid.yaml"

    /// Standard error is a file here, as in a Slurm log: one JSON object per line with done,
    /// total, rate and eta_s, the last with every shard done, then the summary line.
    func testLogModePrintsJSONLinesAndASummary() throws {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("lines")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        // An interval of 0 prints a line per shard (one worker: shards finish in order).
        let r = try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--workers", "1"],
                                     environment: ["TICKETSWEEP_PROGRESS_INTERVAL": "0"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let progress = lines.filter { $0.hasPrefix("{") }
        XCTAssertEqual(progress.count, 24, "one line per shard with interval 0:\n\(r.stderr)")
        var previous = 0
        for line in progress {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
            XCTAssertEqual(Set(object.keys), ["done", "total", "rate", "eta_s"], line)
            let done = try XCTUnwrap(object["done"] as? Int, line)
            XCTAssertEqual(object["total"] as? Int, 24, line)
            XCTAssertGreaterThan(done, previous, "done grows: \(line)")
            previous = done
            let rate = try XCTUnwrap((object["rate"] as? NSNumber)?.doubleValue, line)
            let eta = try XCTUnwrap((object["eta_s"] as? NSNumber)?.doubleValue, line)
            XCTAssertGreaterThan(rate, 0, line)
            XCTAssertGreaterThanOrEqual(eta, 0, line)
        }
        let last = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(progress.last!.utf8)) as? [String: Any])
        XCTAssertEqual(last["done"] as? Int, 24)
        XCTAssertEqual((last["eta_s"] as? NSNumber)?.doubleValue, 0)
        XCTAssertTrue(lines.last?.hasPrefix("computed 24 of 24 shards in ") ?? false, r.stderr)
        XCTAssertTrue(lines.last?.hasSuffix("(0 already complete) with 1 workers") ?? false, r.stderr)
        XCTAssertFalse(r.stderr.contains("\r"), "no redraws in a log")
        XCTAssertTrue(r.stdout.hasPrefix("results: \(out.path) (8 points"), r.stdout)
    }

    /// With a long interval a run prints the first shard's line and the last one, then the
    /// summary; a second run over the complete folder prints just the summary.
    func testLogModeLongIntervalAndNothingToDo() throws {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("default")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let r = try BinaryRunner.run(["run", smallGrid, "--out", out.path], environment: ["TICKETSWEEP_PROGRESS_INTERVAL": "3600"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, r.stderr)
        XCTAssertTrue(lines[0].hasPrefix("{\"done\":1,\"total\":24,"), "the first shard's line: \(r.stderr)")
        XCTAssertTrue(lines[1].hasPrefix("{\"done\":24,\"total\":24,"), "the last shard's line: \(r.stderr)")
        XCTAssertTrue(lines[2].hasPrefix("computed 24 of 24 shards"), r.stderr)

        let again = try BinaryRunner.run(["run", smallGrid, "--out", out.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.hasPrefix("computed 0 of 24 shards in "), again.stderr)
        XCTAssertTrue(again.stderr.contains("(24 already complete)"), again.stderr)
        XCTAssertEqual(again.stderr.split(separator: "\n").count, 1, again.stderr)
    }

    func testQuietPrintsNothingOnStandardError() throws {
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("quiet")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let r = try BinaryRunner.run(["run", smallGrid, "--out", out.path, "--quiet"], environment: ["TICKETSWEEP_PROGRESS_INTERVAL": "0"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.hasPrefix("results: "), r.stdout)
    }

    /// Under a pseudo-terminal (`script` from util-linux): the bar, redrawn in place with a
    /// carriage return after every shard, then a new line and the summary.
    func testTerminalModeRedrawsABar() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: script.path), "needs script(1) from util-linux")
        let out = BinaryRunner.temporaryFolder().appendingPathComponent("tty")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let command = [BinaryRunner.binary.path, "run", smallGrid, "--out", out.path, "--workers", "1"]
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let r = try BinaryRunner.run(executable: script, ["-qefc", command, "/dev/null"], environment: ["SHELL": "/bin/sh"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        // The terminal merges both streams and turns "\n" into "\r\n".
        let text = r.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        let bar = try NSRegularExpression(pattern: "\r[█░]{30} (\\d+)/24 shards  \\d+ paths/s  ETA \\d+s\u{1B}\\[K")
        let draws = bar.matches(in: text, range: NSRange(text.startIndex..., in: text))
        XCTAssertEqual(draws.count, 24, "one redraw per shard:\n\(text.debugDescription.prefix(2000))")
        let counts = draws.compactMap { Range($0.range(at: 1), in: text).flatMap { Int(text[$0]) } }
        XCTAssertEqual(counts, Array(1...24))
        XCTAssertTrue(text.contains(String(repeating: "█", count: 30) + " 24/24 shards"), "the bar fills up")
        XCTAssertTrue(text.contains("ETA 0s\u{1B}[K\ncomputed 24 of 24 shards in "), "a new line ends the bar, then the summary:\n\(text.suffix(400).debugDescription)")
        XCTAssertFalse(text.contains("{\"done\""), "no JSON lines on a terminal")
    }
}
