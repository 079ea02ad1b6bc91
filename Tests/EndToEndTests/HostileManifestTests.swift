import Foundation
import SweepTestSupport
import XCTest

/// SPEC.md "Faults and bad input": every manifest of `Tests/Manifests/hostile/` (and a few made
/// here, too large or too odd to commit) makes `validate` and `plan` exit 2 with a message that
/// names the file, and never trap. The work is bounded: each takes well under a second on an idle
/// machine (the slowest is printed), and an unbounded walk (an alias bomb followed naively) would
/// take minutes, so the limit below catches it while leaving room for a loaded machine.
final class HostileManifestTests: XCTestCase {
    /// Wall-clock limit per command, process start included: a bound on the work, not a speed
    /// target (1.7 s was seen for the 20 MB file on a machine with a load average of 12).
    let limit = 5.0

    var corpus: URL { BinaryRunner.packageRoot.appendingPathComponent("Tests/Manifests/hostile") }

    /// The committed corpus, by file name.
    func committed() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Manifests made at run time: too large to commit, or not files at all.
    func generated(in dir: URL) throws -> [String] {
        var paths: [String] = []
        // 20 MB of one repeated key: refused for its size before parsing.
        let repeated = dir.appendingPathComponent("repeated-keys-20mb.yaml")
        let line = Data("replications: 10\n".utf8)
        var big = Data(capacity: 20 << 20)
        while big.count < 20 << 20 { big.append(line) }
        try big.write(to: repeated)
        paths.append(repeated.path)
        // Just under the size and value limits: 45,000 unknown keys (a problem each, listed up
        // to the limit), 49,000 duplicates of one key, and a name of nearly 1 MiB.
        paths.append(BinaryRunner.write("seed: 1\nreplications: 10\n" + (0..<45_000).map { "k\($0): 1\n" }.joined(), named: "unknown-keys-45k.yaml", in: dir))
        paths.append(BinaryRunner.write(String(repeating: "seed: 1\n", count: 49_000), named: "duplicate-keys-49k.yaml", in: dir))
        paths.append(BinaryRunner.write("seed: 1\nreplications: 10\nname: " + String(repeating: "a", count: (1 << 20) - 64) + "\n", named: "long-name.yaml", in: dir))
        // More values than a manifest may hold, without any alias.
        paths.append(BinaryRunner.write("seed: 1\nreplications: 10\nx: [" + Array(repeating: "1", count: 120_000).joined(separator: ",") + "]\n", named: "too-many-values.yaml", in: dir))
        // A folder named like a manifest, and no file at all.
        let folder = dir.appendingPathComponent("folder.yaml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        paths.append(folder.path)
        paths.append(dir.appendingPathComponent("no-such-manifest.yaml").path)
        return paths
    }

    func testEveryHostileManifestExitsTwoQuicklyWithAMessage() throws {
        let names = try committed()
        XCTAssertGreaterThanOrEqual(names.count, 25, "the committed corpus")
        let dir = BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = names.map { "Tests/Manifests/hostile/\($0)" } + (try generated(in: dir))
        var slowest = (seconds: 0.0, what: "")
        defer { print("slowest: \(slowest.what) in \(String(format: "%.3f", slowest.seconds)) s") }
        for path in paths {
            for command in ["validate", "plan"] {
                let r = try BinaryRunner.run([command, path], timeout: 10)
                let what = "\(command) \(path)"
                if r.seconds > slowest.seconds { slowest = (r.seconds, what) }
                XCTAssertFalse(r.signaled, "\(what) ended by signal \(r.status): \(r.stderr.prefix(500))")
                XCTAssertEqual(r.status, 2, "\(what): \(r.stderr.prefix(500))")
                XCTAssertLessThan(r.seconds, limit, "\(what) took \(String(format: "%.2f", r.seconds)) s")
                XCTAssertTrue(r.stderr.hasPrefix(path), "\(what) names the file first: \(r.stderr.prefix(300))")
                XCTAssertTrue(r.stderr.contains("error: "), "\(what): \(r.stderr.prefix(300))")
                XCTAssertTrue(r.stdout.isEmpty, "\(what) prints nothing on stdout: \(r.stdout.prefix(300))")
            }
        }
    }

    /// What a few of them say: the right problem, where it is.
    func testMessagesSayWhatIsWrong() throws {
        let expected: [(file: String, message: String)] = [
            ("empty.yaml", "empty.yaml: error: the manifest is empty"),
            ("binary.yaml", "is not UTF-8 text"),
            ("deeply-nested.yaml", "nests deeper than 64 levels"),
            ("alias-bomb.yaml", "it looks like an alias bomb"),
            ("huge-numbers.yaml", "replications must be an integer from 1 to 2147483647"),
            ("nan-and-inf.yaml", "value.mu must be a finite number; got .nan"),
            ("negative-sigma.yaml", "value.sigma must be a number >= 0; got -0.85"),
            ("trillion-point-grid.yaml", "trillion-point-grid.yaml:5:3: error: the sweep has 1000000000000 points; at most 10000000 are allowed"),
            ("zip-unequal.yaml", "zip axes must have equal lengths"),
            ("unicode-keys.yaml", "unknown key 'réplications' at the top level; did you mean 'replications'?"),
            ("duplicate-keys.yaml", "duplicate-keys.yaml:2:1: error: duplicate key 'seed' (first at line 1, column 1)"),
            ("trailing-commas.json", "trailing-commas.json:1:56: error: invalid JSON: a comma before '}'"),
            ("unknown-buyer.yaml", "no class named 'whale' in buyers (classes: lottery)"),
            ("mechanism-misspelt.yaml", "did you mean 'eip1559'?"),
            ("empirical-dev-zero.yaml", "cannot read value.file '/dev/zero' (/dev/zero): it is not a regular file"),
        ]
        for (file, message) in expected {
            let r = try BinaryRunner.run(["validate", "Tests/Manifests/hostile/\(file)"], timeout: 10)
            XCTAssertTrue(r.stderr.contains(message), "\(file): expected '\(message)' in:\n\(r.stderr.prefix(600))")
        }
    }

    /// A manifest path that is a device or a pipe is refused at once (reading it would never end
    /// or would block), and so is a link to one.
    func testManifestThatIsNotARegularFileIsRefused() throws {
        let dir = BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.yaml").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let link = dir.appendingPathComponent("zero.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        for path in ["/dev/zero", fifo, link] {
            let r = try BinaryRunner.run(["validate", path], timeout: 10)
            XCTAssertEqual(r.status, 2, path)
            XCTAssertTrue(r.stderr.contains("\(path): error: cannot read the manifest: it is not a regular file"), "\(path): \(r.stderr.prefix(300))")
        }
    }

    /// A manifest with more problems than are listed says how many more there are.
    func testManyProblemsAreCountedNotAllListed() throws {
        let dir = BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = BinaryRunner.write("seed: 1\nreplications: 10\n" + (0..<1000).map { "k\($0): 1\n" }.joined(), named: "keys.yaml", in: dir)
        let r = try BinaryRunner.run(["validate", path], timeout: 10)
        XCTAssertEqual(r.status, 2)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 101, r.stderr.suffix(300).description)
        XCTAssertEqual(lines.last.map(String.init), "\(path): error: 900 more problems are not listed; fix the ones above and check again")
    }
}
