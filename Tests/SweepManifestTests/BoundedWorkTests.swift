import Foundation
import XCTest
@testable import SweepManifest

/// Limits on the work a manifest can cause, each found by the hostile corpus or the fuzzer
/// (Tests/Manifests/hostile/, scripts/fuzz).
///
/// The wall-clock limits bound the work, not the speed: each check takes a few milliseconds on an
/// idle machine, the unbounded work it guards against (expanding a million-step axis, building
/// 20,000 suggestions) takes seconds to hours, and the limits leave room for a loaded machine.
final class BoundedWorkTests: XCTestCase {
    /// Two axes of a million steps each are refused from their declared sizes, before either is
    /// expanded.
    func testOversizedSweepIsRefusedBeforeExpansion() {
        let start = Date()
        XCTAssertEqual(errors(required + "sweep:\n  grid:\n    pricing.quotient: {from: 1, to: 1000000, steps: 1000000}\n    pricing.target.pool: {from: 1, to: 1000000, steps: 1000000}\n"), [
            "m.yaml:4:3: error: the sweep has 1000000000000 points; at most 10000000 are allowed",
        ])
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    /// A long `{from, to, steps}` axis is expanded only once the rest of the manifest is valid.
    func testLongAxisIsExpandedOnlyForAValidManifest() throws {
        let start = Date()
        XCTAssertEqual(errors(required + "sweep:\n  grid:\n    pricing.target.pool: {from: 1, to: 1000000, steps: 1000000}\n    pricing.quotient: {from: 1, to: 9, stepz: 3}\n"), [
            "m.yaml:6:23: error: missing key 'steps' in sweep axis 'pricing.quotient'",
            "m.yaml:6:40: error: unknown key 'stepz' in sweep axis 'pricing.quotient'; did you mean 'steps'?",
        ])
        XCTAssertLessThan(Date().timeIntervalSince(start), 2, "the million steps were not expanded")

        let m = try load(required + "sweep:\n  zip:\n    lookahead: {from: 0, to: 4999, steps: 5000}\n    builders.noise: {from: 0, to: 1, steps: 5000}\n")
        XCTAssertEqual(m.sweep.zip.map(\.values.count), [5000, 5000])
        XCTAssertEqual(m.sweep.zip[0].labels.prefix(3), ["0", "1", "2"])
        XCTAssertEqual(m.sweep.zip[0].labels.last, "4999")
        XCTAssertEqual(m.sweep.zip[1].values[2500].number, 0.500100020004, "2500 / 4999 to 12 digits")
        XCTAssertEqual(errors(required + "sweep:\n  zip:\n    lookahead: {from: 0, to: 4999, steps: 5000}\n    builders.noise: {from: 0, to: 1, steps: 5001}\n"), [
            "m.yaml:6:5: error: zip axes must have equal lengths: 'lookahead' has 5000 values, 'builders.noise' has 5001",
        ], "lengths are compared before the axes are expanded")
        XCTAssertEqual(errors(required + "sweep:\n  grid:\n    lookahead: {from: 0, to: 3, steps: 1001}\n").first,
                       "m.yaml:5:16: error: sweep axis 'lookahead' gives 0 twice (values 1 and 2)",
                       "repeats after rounding are found once the axis is expanded")
    }

    /// At most `ProblemList.limit` problems are listed, then how many more there are; the
    /// messages beyond the limit (each a search for the nearest key) are never built.
    func testProblemsBeyondTheLimitAreCounted() throws {
        let keys = (0..<20_000).map { "unknown_\($0): 1\n" }.joined()
        let start = Date()
        do {
            _ = try ManifestLoader.parse(text: required + keys, file: "m.yaml", json: false)
            XCTFail("20,000 unknown keys")
        } catch {
            XCTAssertEqual(error.errors.count, ProblemList.limit)
            XCTAssertEqual(error.omitted, 20_000 - ProblemList.limit)
            XCTAssertEqual(error.description.split(separator: "\n").last,
                           "m.yaml: error: 19900 more problems are not listed; fix the ones above and check again")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 4)
    }

    /// More values than `nodeBudget` without an alias: not called an alias bomb.
    func testManyValuesWithoutAliases() {
        let list = Array(repeating: "1", count: ManifestComposer.nodeBudget + 10).joined(separator: ",")
        XCTAssertEqual(errors(required + "x: [\(list)]\n").first?.hasPrefix("m.yaml:3:"), true)
        XCTAssertEqual(errors(required + "x: [\(list)]\n").first?.hasSuffix(
            "error: the manifest has more than 100000 values; a sweep of many values is written {from, to, steps} or as a sample"), true)
    }

    /// JSON with a comma before a closing bracket (which Foundation's parser lets through).
    func testTrailingCommasAreNotJSON() {
        XCTAssertEqual(errors("{\"seed\": 1, \"replications\": 10,}", file: "m.json", json: true), [
            "m.json:1:31: error: invalid JSON: a comma before '}'; JSON allows none, remove it",
        ])
        XCTAssertEqual(errors("{\"seed\": 1, \"replications\": 10, \"base\": {\"builders\": {\"skills\": [1, 2 ,\n ]}}}", file: "m.json", json: true), [
            "m.json:1:71: error: invalid JSON: a comma before ']'; JSON allows none, remove it",
        ])
        XCTAssertNil(JSONSyntax.trailingComma(Array(#"{"a": "x,}", "b": "\",]", "c": [1, 2]}"#.utf8)), "a comma inside a string is text")
    }

    /// A run's name names a folder: at most 255 bytes.
    func testNameIsAFolderName() throws {
        XCTAssertEqual(try load(required + "name: " + String(repeating: "n", count: 255) + "\n").name.count, 255)
        XCTAssertEqual(errors(required + "name: " + String(repeating: "n", count: 256) + "\n"), [
            "m.yaml:3:7: error: name must be a name of at most 255 letters, digits, '.', '_' and '-'; got the string '\(String(repeating: "n", count: 57))...'",
        ])
    }

    /// An empirical file that is a device or a pipe is refused, not read for ever.
    func testEmpiricalFileMustBeARegularFile() {
        XCTAssertEqual(errors(required + "base:\n  value: {distribution: empirical, file: /dev/zero}\n"), [
            "m.yaml:4:42: error: cannot read value.file '/dev/zero' (/dev/zero): it is not a regular file",
        ])
    }
}
