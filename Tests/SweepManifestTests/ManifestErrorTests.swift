import Foundation
import XCTest
@testable import SweepManifest

/// Bad manifests: each test asserts the exact lines that `ticketsweep validate` prints.
final class ManifestErrorTests: XCTestCase {
    func testMisspeltKeyGetsTheNearestValidOne() {
        XCTAssertEqual(errors(required + "base:\n  pricing: {mechanism: eip1559, quotent: 8}\n"), [
            "m.yaml:4:33: error: unknown key 'quotent' in pricing; did you mean 'quotient'?",
        ])
        XCTAssertEqual(errors(required + "sed: 2\n"), [
            "m.yaml:3:1: error: unknown key 'sed' at the top level; did you mean 'seed'?",
        ])
        XCTAssertEqual(errors(required + "base:\n  buyers:\n    - {name: a, cuont: 2}\n"), [
            "m.yaml:5:17: error: unknown key 'cuont' in buyers[a]; did you mean 'count'?",
        ])
        XCTAssertEqual(errors(required + "base:\n  xyzzy: 1\n"), [
            "m.yaml:4:3: error: unknown key 'xyzzy' in base; expected 'value', 'lookahead', 'warmup', 'pricing', 'builders', 'buyers', 'secondary_market' or 'tickets'",
        ])
    }

    /// Model version 2 removed `belief_sample` (exact beliefs by quadrature) and refuses value
    /// laws without a mean or variance: each refusal says why (MODEL.md sections 3 and 4).
    func testModelVersion2Refusals() {
        XCTAssertEqual(errors(required + "base:\n  belief_sample: 65536\n"), [
            "m.yaml:4:3: error: 'belief_sample' was removed in model version 2: exact beliefs are now computed by deterministic quadrature "
                + "(the same for every seed), so there is no pre-sample to size; delete the key",
        ])
        let untruncated = errors(required + "base:\n  value: {alpha: 0.9, max: .inf}\n")
        XCTAssertEqual(untruncated.count, 1)
        XCTAssertTrue(untruncated[0].hasPrefix("m.yaml:4:28: error: value.max: an untruncated Pareto tail (max: inf) with alpha = 0.9 <= 1 has no mean"), untruncated[0])
        let low = errors(required + "base:\n  value: {max: 0.1}\n")
        XCTAssertEqual(low.count, 1)
        XCTAssertTrue(low[0].hasPrefix("m.yaml:4:16: error: value.max: max = 0.1 must exceed the tail's start x_q"), low[0])
        XCTAssertEqual(errors(required + "base:\n  value: {alpha: 3, max: .inf}\n"), [])
        XCTAssertEqual(errors(required + "base:\n  builders: {count: 2, auction: first-price, shade: equilibrium, skills: [1, 1.5]}\n"), [
            "m.yaml:4:74: error: builders.shade: equilibrium is the symmetric Bayes–Nash bid, defined for builders of equal skills; "
                + "these skills differ (1, 1.5): give a fixed shade in [0, 1) or equal skills",
        ])
        XCTAssertEqual(errors(required + "base:\n  builders: {shade: best}\n"), [
            "m.yaml:4:21: error: builders.shade must be a number in [0, 1) or 'equilibrium'; got the string 'best'",
        ])
    }

    func testKeyOfAnotherVariant() {
        XCTAssertEqual(errors(required + "base:\n  pricing: {mechanism: fixed, quotient: 8}\n"), [
            "m.yaml:4:31: error: pricing mechanism 'fixed' has no key 'quotient' ('eip1559' and 'exponential' have it)",
        ])
    }

    func testWrongTypes() {
        XCTAssertEqual(errors(required + "base:\n  lookahead: soon\n  pricing: {quotient: eight}\n  builders: 5\n"), [
            "m.yaml:4:14: error: lookahead must be an integer from 0 to 100000; got the string 'soon'",
            "m.yaml:5:23: error: pricing.quotient must be a number >= 1; got the string 'eight'",
            "m.yaml:6:13: error: builders must be a map; got 5",
        ])
        XCTAssertEqual(errors(required + "common_random_numbers: yes\nname: \"a b\"\n"), [
            "m.yaml:3:24: error: common_random_numbers must be true or false; got the string 'yes'",
            "m.yaml:4:7: error: name must be a name of at most 255 letters, digits, '.', '_' and '-'; got the string 'a b'",
        ])
        XCTAssertEqual(errors(required + "base:\n  buyers: [{name: 5}, {name: a, belief: 2}]\n"), [
            "m.yaml:4:19: error: buyers[0].name must be a name of letters, digits, '_' and '-'; got 5",
            "m.yaml:4:41: error: buyers[a].belief must be one of 'exact' or 'ewma'; got 2",
        ])
        XCTAssertEqual(errors(required + "base:\n  builders: {auction: frist-price}\n"), [
            "m.yaml:4:23: error: builders.auction must be one of 'first-price' or 'second-price'; got the string 'frist-price'; did you mean 'first-price'?",
        ])
        XCTAssertEqual(errors("seed: \"1\"\n"), [
            "m.yaml:1:1: error: missing key 'replications' at the top level",
            "m.yaml:1:7: error: seed must be an integer from 0 to 9223372036854775808; got the string '1'",
        ])
    }

    func testImpossibleValues() {
        XCTAssertEqual(errors(required + "base:\n  value: {distribution: lognormal, sigma: -1}\n"), [
            "m.yaml:4:43: error: value.sigma must be a number >= 0; got -1",
        ])
        XCTAssertEqual(errors(required + "base:\n  value: {sigma: .nan, mu: -.inf}\n"), [
            "m.yaml:4:18: error: value.sigma must be a finite number >= 0; got .nan",
            "m.yaml:4:28: error: value.mu must be a finite number; got -.inf",
        ])
        XCTAssertEqual(errors(required + "base:\n  buyers: [{name: whale, count: 1e300}, {name: shrimp, count: 2.5}]\n"), [
            "m.yaml:4:33: error: buyers[whale].count must be an integer from 1 to 100000; got 1e+300",
            "m.yaml:4:63: error: buyers[shrimp].count must be an integer from 1 to 100000; got 2.5",
        ])
        XCTAssertEqual(errors(required + "replications: 1e400\n".replacingOccurrences(of: "replications", with: "slots")), [
            "m.yaml:3:8: error: slots must be an integer from 1 to 2147483647; got .inf",
        ])
        XCTAssertEqual(errors(required + "base:\n  value: {distribution: uniform, low: 2, high: 1}\n  builders: {count: 2, skills: [1, 1, 1]}\n"), [
            "m.yaml:4:48: error: value.high must be greater than value.low (2); got 1",
            "m.yaml:5:32: error: builders.skills has 3 entries but builders.count is 2; give one skill per builder",
        ])
        XCTAssertEqual(errors(required + "base:\n  pricing: {target: {pool: 8, sales: 2}}\n  buyers: []\n"), [
            "m.yaml:4:31: error: pricing.target must have only one of 'pool' or 'sales'",
            "m.yaml:5:11: error: buyers must have at least 1 entry",
        ])
        XCTAssertEqual(errors(required + "base:\n  buyers: [{name: a}, {name: a}, {count: 2}]\n"), [
            "m.yaml:4:30: error: buyers has two classes named 'a' (first at line 4, column 19); names must be unique",
            "m.yaml:4:34: error: missing key 'name' in buyers[2]",
        ])
    }

    func testDuplicateKeysAreAllReported() {
        XCTAssertEqual(errors(required + "seed: 2\nbase:\n  pricing: {quotient: 8, quotient: 9}\n"), [
            "m.yaml:3:1: error: duplicate key 'seed' (first at line 1, column 1)",
            "m.yaml:5:26: error: duplicate key 'quotient' (first at line 5, column 13)",
        ])
    }

    func testAxisProblems() {
        XCTAssertEqual(errors(required + "sweep:\n  grid:\n    pricing.target.pool: []\n    lookahead: 4\n"), [
            "m.yaml:5:26: error: sweep axis 'pricing.target.pool' is empty; give at least one value",
            "m.yaml:6:16: error: sweep axis 'lookahead' must be a list of values or {from, to, steps, scale}; got 4",
        ])
        XCTAssertEqual(errors(required + "sweep:\n  zip:\n    buyers[default].count: [10, 50]\n    buyers[0].risk_aversion: [-1, -4, -8]\n"), [
            "m.yaml:6:5: error: zip axes must have equal lengths: 'buyers[default].count' has 2 values, 'buyers[0].risk_aversion' has 3",
        ])
        XCTAssertEqual(errors(required + "sweep:\n  grid:\n    value.alpha: {from: 0, to: 2, steps: 3, scale: log}\n    pricing: {from: 1, to: 2, stpes: 2}\n"), [
            "m.yaml:5:18: error: sweep axis 'value.alpha' has scale log, which needs from and to > 0",
            "m.yaml:6:14: error: missing key 'steps' in sweep axis 'pricing'",
            "m.yaml:6:31: error: unknown key 'stpes' in sweep axis 'pricing'; did you mean 'steps'?",
        ])
        XCTAssertEqual(errors(required + "sweep:\n  grid:\n    builders.auction: {from: 1, to: 2, steps: 2}\n"), [
            "m.yaml:5:23: error: sweep axis 'builders.auction' has {from, to, steps} but 'builders.auction' is not a number (a string); list its values",
        ])
        XCTAssertEqual(errors(required + "sweep:\n  grid:\n    value.sigma: [0.5, -1]\n    pricing.quotient: [8, 8]\n"), [
            "m.yaml:5:24: error: value.sigma must be a number >= 0; got -1",
            "m.yaml:6:27: error: sweep axis 'pricing.quotient' gives 8 twice (values 1 and 2)",
        ])
    }

    func testPathProblems() {
        let fixed = required + "base:\n  pricing: {mechanism: fixed}\n  buyers: [{name: lottery}]\nsweep:\n  grid:\n"
        XCTAssertEqual(errors(fixed + "    pricing.quotient: [4, 8]\n"), [
            "m.yaml:8:5: error: 'pricing.quotient' names no parameter: pricing mechanism 'fixed' has no key 'quotient' ('eip1559' and 'exponential' have it)",
        ])
        XCTAssertEqual(errors(fixed + "    buyers[whale].count: [1]\n    buyers[3].count: [1]\n    buyers.count: [1]\n"), [
            "m.yaml:8:5: error: 'buyers[whale].count' names no parameter: no class named 'whale' in buyers (classes: lottery)",
            "m.yaml:9:5: error: 'buyers[3].count' names no parameter: buyers has 1 entry; index 3 is out of range",
            "m.yaml:10:5: error: 'buyers.count' names no parameter: buyers is a list; select a class with [name] or [index], as in 'buyers[lottery].count'",
        ])
        XCTAssertEqual(errors(fixed + "    pricing.mechanism: [fixed]\n    buyers[lottery].name: [x]\n    buyers[0]: [{name: x}]\n"), [
            "m.yaml:8:5: error: cannot sweep 'pricing.mechanism' alone: sweep 'pricing' with whole maps, such as {mechanism: ..., ...}",
            "m.yaml:9:5: error: cannot sweep 'buyers[lottery].name': buyer classes and their names are fixed; sweep a class's fields, such as 'buyers[lottery].count'",
            "m.yaml:10:5: error: cannot sweep 'buyers[0]': buyer classes and their names are fixed; sweep a class's fields, such as 'buyers[lottery].count'",
        ])
        XCTAssertEqual(errors(fixed + "    pricing.price..x: [1]\n    valeu.alpha: [1]\n"), [
            "m.yaml:8:5: error: invalid parameter path 'pricing.price..x': expected a key at '.x'",
            "m.yaml:9:5: error: 'valeu.alpha' names no parameter: base has no key 'valeu'; did you mean 'value'?",
        ])
    }

    func testAParameterIsSweptOnlyOnce() {
        XCTAssertEqual(errors(required + """
            base: {buyers: [{name: lottery}]}
            sweep:
              grid:
                buyers[lottery].count: [1, 2]
                pricing: [{mechanism: fixed}]
              zip:
                buyers[0].count: [3, 4]
              sample:
                points: 4
                ranges:
                  pricing.quotient: [1, 2]
                  builders.noise: [0.1, 0.1]
            """), [
            "m.yaml:9:5: error: 'buyers[lottery].count' and 'buyers[0].count' name the same parameter (in grid and zip); a parameter may be in only one of grid, zip and sample",
            "m.yaml:13:7: error: 'pricing.quotient' is inside 'pricing', which is also swept (in grid and sample); sweep one of them",
            "m.yaml:14:23: error: sample range 'builders.noise' must be [low, high] with low < high; got [0.1, 0.1]",
        ])
    }

    func testSweepSizeIsBounded() {
        XCTAssertEqual(errors(required + "sweep:\n  grid:\n    builders.noise: {from: 0, to: 1, steps: 10000}\n    value.alpha: {from: 1, to: 2, steps: 10000}\n"), [
            "m.yaml:4:3: error: the sweep has 100000000 points; at most 10000000 are allowed",
        ])
    }

    func testAliasBombFailsFast() {
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        bomb += "? *a9\n: 1\n"
        let start = Date()
        XCTAssertEqual(errors(bomb), [
            "m.yaml:5:45: error: the manifest expands to more than 100000 values (aliases count as copies); it looks like an alias bomb",
        ])
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5)
    }

    func testAliasesWithinTheBudgetWork() throws {
        let m = try load(required + """
            base:
              buyers:
                - &whale {name: whale, count: &two 2, risk_aversion: 1}
                - {name: shrimp, count: *two}
              builders: {count: 2, skills: &skills [1, 2]}
            sweep:
              grid:
                builders.skills: [*skills, [2, 1]]
            """)
        XCTAssertEqual(m.baseParameters.buyers.map(\.count), [2, 2])
        XCTAssertEqual(m.sweep.grid[0].labels, ["[1, 2]", "[2, 1]"])
        XCTAssertEqual(m.sweep.grid[0].values[0].mark, SourceMark(line: 10, column: 23), "an alias is where it is used")
        XCTAssertEqual(errors("seed: &s 5\nreplications: *s\nslots: *nothing\n"), [
            "m.yaml:3:8: error: alias '*nothing' refers to no anchor '&nothing' before it",
        ])
    }

    func testDeepNestingFailsFast() {
        XCTAssertEqual(errors(String(repeating: "[", count: 100)), [
            "m.yaml:1:65: error: the manifest nests deeper than 64 levels",
        ])
        XCTAssertEqual(errors(String(repeating: "[", count: 100_000)), [
            "m.yaml:1:1: error: the manifest nests deeper than 64 levels",
        ], "libyaml's own limit (1000 levels) stops the scanner first")
        XCTAssertEqual(errors(required + "base:\n" + (1...70).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined()), [
            "m.yaml:67:129: error: the manifest nests deeper than 64 levels",
        ])
    }

    func testGarbageNeverTraps() throws {
        XCTAssertEqual(errors(""), ["m.yaml: error: the manifest is empty"])
        XCTAssertEqual(errors("  \n\n"), ["m.yaml: error: the manifest is empty"])
        XCTAssertEqual(errors("# only a comment\n"), ["m.yaml: error: the manifest is empty"])
        XCTAssertEqual(errors("42\n"), ["m.yaml:1:1: error: the manifest must be a map of keys such as 'seed' and 'replications'; got 42"])
        XCTAssertEqual(errors("- a\n- b\n"), ["m.yaml:1:1: error: the manifest must be a map of keys such as 'seed' and 'replications'; got a list"])
        XCTAssertEqual(errors("seed: 1\n\u{1}\u{2}"), ["m.yaml:2:1: error: the manifest is not YAML text: control characters are not allowed (U+0001)"])
        XCTAssertEqual(errors("seed: [1\n"), ["m.yaml:2:1: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 7)"])
        XCTAssertEqual(errors("a: 1\n---\nb: 2\n"), ["m.yaml:2:1: error: a manifest is one YAML document; found a second one here"])
        let long = String(repeating: "ab ", count: 40)
        XCTAssertEqual(errors(required + "? [a, b]\n: 1\n{x: 1}: 2\nname: \"\(long)\"\n"), [
            "m.yaml:3:3: error: a key must be a name, not a list",
            "m.yaml:5:1: error: a key must be a name, not a map",
            "m.yaml:6:7: error: name must be a name of at most 255 letters, digits, '.', '_' and '-'; got the string '\(long.prefix(57))...'",
        ])
        XCTAssertEqual(errors("seed: !!python/object 1\nreplications: 1\n"), ["m.yaml:1:7: error: unsupported tag 'tag:yaml.org,2002:python/object'; a manifest needs no tags"])

        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("garbage.yaml")
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = [0x73, 0x65, 0x65, 0x64, 0x3A, 0x20, 0xFF]
        bytes += (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: file)
        XCTAssertThrowsError(try ManifestLoader.load(path: file.path)) { error in
            XCTAssertEqual((error as? ManifestProblems)?.description,
                           "\(file.path):1:7: error: the manifest is not UTF-8 text (byte 0xFF); is it a binary file?")
        }
        // Random bytes that happen to be UTF-8 never trap either.
        for _ in 0..<200 {
            let length = Int.random(in: 0...64, using: &generator)
            let scalars = (0..<length).map { _ in Character(UnicodeScalar(UInt8.random(in: 0...127, using: &generator))) }
            _ = errors(String(scalars))
        }
        XCTAssertThrowsError(try ManifestLoader.load(path: folder.appendingPathComponent("missing.yaml").path)) { error in
            XCTAssertEqual((error as? ManifestProblems)?.description,
                           "\(folder.path)/missing.yaml: error: cannot read the manifest: there is no such file")
        }
    }

    func testAllProblemsAreReportedInOrder() {
        XCTAssertEqual(errors("""
            replications: 0
            base:
              value: {sigma: -1}
              pricing: {quotient: 0}
            sweep:
              grid: {builders.count: [0, 2000]}
            outputs: {histogram: {bins: 0}}
            """), [
            "m.yaml:1:1: error: missing key 'seed' at the top level",
            "m.yaml:1:15: error: replications must be an integer from 1 to 2147483647; got 0",
            "m.yaml:3:18: error: value.sigma must be a number >= 0; got -1",
            "m.yaml:4:23: error: pricing.quotient must be a number >= 1; got 0",
            "m.yaml:7:29: error: outputs.histogram.bins must be an integer from 1 to 10000; got 0",
        ], "axis values are checked only against a valid base")
    }
}
