import XCTest
@testable import SweepManifest

final class CanonicalManifestTests: XCTestCase {
    func testCanonicalYAMLRoundTrips() throws {
        let m = try load(specExample)
        let again = try load(m.canonicalYAML, file: "/elsewhere/manifest.yaml")
        XCTAssertEqual(again.canonicalYAML, m.canonicalYAML)
        XCTAssertEqual(again.digest, m.digest)
        XCTAssertEqual(again.sweep.grid.map(\.labels), m.sweep.grid.map(\.labels))
        XCTAssertEqual(m.digest.count, 64)
        XCTAssertTrue(m.digest.allSatisfy { "0123456789abcdef".contains($0) })

        let tricky = try load(required + """
            name: tricky
            base:
              buyers:
                - {name: "yes", count: 2}
                - {name: "1e5"}
                - {name: null-ish}
            sweep:
              grid:
                value: [{distribution: constant, value: 0.5}, {distribution: uniform, high: 3}]
              zip:
                buyers[yes].risk_aversion: [-1e-12, 123456789012.5]
                builders.skills: [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]]
            outputs: {metrics: [profit.yes, slot_share.1e5]}
            """)
        XCTAssertEqual(tricky.sweep.zip[0].labels, ["-1e-12", "123456789012.5"])
        XCTAssertEqual(tricky.sweep.grid[0].labels, ["{distribution: constant, value: 0.5}", "{distribution: uniform, high: 3}"])
        let trickyAgain = try load(tricky.canonicalYAML)
        XCTAssertEqual(trickyAgain.digest, tricky.digest, tricky.canonicalYAML)
        XCTAssertEqual(trickyAgain.baseParameters, tricky.baseParameters)
        XCTAssertTrue(tricky.canonicalYAML.contains("  - name: \"yes\"\n"), tricky.canonicalYAML)
        XCTAssertTrue(tricky.canonicalYAML.contains("    buyers[yes].risk_aversion: [-1e-12, 123456789012.5]\n"), tricky.canonicalYAML)
    }

    func testCanonicalTextIsAsDocumented() throws {
        let m = try load("seed: 7\nreplications: 3\nbase: {pricing: {mechanism: fixed}, buyers: [{name: a}]}\nsweep: {grid: {pricing.price: [0.1, 0.2]}}\n",
                         file: "/tmp/small.yaml")
        XCTAssertEqual(m.canonicalYAML, """
            name: small
            model: execution-tickets
            seed: 7
            replications: 3
            slots: 7200
            common_random_numbers: true
            shard_size: 3
            base:
              value:
                distribution: lognormal-pareto
                mu: -2.975
                sigma: 0.85
                tail_quantile: 0.95
                alpha: 1.078058633170623
                max: 692
                persistence: 0
                multi_block_premium: 0
              lookahead: 32
              pricing:
                mechanism: fixed
                price: 0.1
                max_sales_per_slot: 4
              builders:
                count: 5
                noise: 0.1
                auction: second-price
                shade: 0.05
              buyers:
                - name: a
                  count: 1
                  extraction: 0
                  discount_rate: 0.05
                  risk_aversion: 0
                  miss_rate: 0
                  max_buy_per_slot: 1
                  belief: exact
                  half_life: 256
                  prior: exact
              secondary_market:
                enabled: false
                fee: 0
                noise: 0.1
            sweep:
              grid:
                pricing.price: [0.1, 0.2]
            outputs:
              metrics: all
              quantiles: [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
              histogram:
                bins: 64

            """)
        // The SHA-256 of exactly that text, computed independently (`sha256sum`).
        XCTAssertEqual(m.digest, "06e77736a583c43b0ce4262eedf3a0702c4a39b11745fe536f37c94af04a4adc")
    }

    func testJSONManifestEqualsItsYAMLTwin() throws {
        let yaml = try load(specExample, file: "/tmp/twin.yaml")
        let json = try load("""
            {
              "name": "capture-vs-quotient", "model": "execution-tickets", "seed": 20261125,
              "replications": 400, "slots": 7200,
              "base": {
                "value": {"distribution": "lognormal-pareto", "mu": -2.975, "sigma": 0.85, "tail_quantile": 0.95, "alpha": 1.2},
                "lookahead": 32,
                "pricing": {"mechanism": "eip1559", "target": {"pool": 64}, "quotient": 8, "initial_price": 0.1},
                "builders": {"count": 5, "noise": 0.1, "auction": "first-price", "shade": 0.05},
                "buyers": [
                  {"name": "integrated", "count": 1, "extraction": 1.0, "discount_rate": 0.05},
                  {"name": "lottery", "count": 50, "extraction": 0.0, "discount_rate": 0.03, "risk_aversion": -2}
                ]
              },
              "sweep": {
                "grid": {"pricing.quotient": [4, 8, 16, 32], "pricing.target.pool": {"from": 16, "to": 256, "steps": 5, "scale": "log"}},
              \t"zip": {"buyers[lottery].count": [10, 50], "buyers[lottery].risk_aversion": [-1, -4]},
                "sample": {"method": "sobol", "points": 64, "ranges": {"value.alpha": [1.2, 1.6]}}
              },
              "outputs": {"metrics": "all", "quantiles": [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99], "histogram": {"bins": 64}}
            }
            """, file: "/tmp/twin.json", json: true)
        XCTAssertEqual(json.digest, yaml.digest)
        XCTAssertEqual(json.sweep.zip[0].mark, SourceMark(line: 16, column: 12))
    }

    func testJSONErrors() {
        XCTAssertEqual(errors("{\"seed\": 1, \"replications\": [1, 2}", file: "m.json", json: true), [
            "m.json:1:34: error: invalid JSON: Invalid value around character 33.",
        ])
        XCTAssertEqual(errors("{\"seed\": 1,\n \"replications\": \"ten\", \"seed\": 2}", file: "m.json", json: true), [
            "m.json:2:18: error: replications must be an integer from 1 to 2147483647; got the string 'ten'",
            "m.json:2:25: error: duplicate key 'seed' (first at line 1, column 2)",
        ])
        XCTAssertEqual(errors("[1, 2]", file: "m.json", json: true), [
            "m.json:1:1: error: the manifest must be a map of keys such as 'seed' and 'replications'; got a list",
        ])
    }

    func testScalarsFollowTheCoreSchema() {
        XCTAssertEqual(PlainScalar.resolve("yes"), .string("yes"))
        XCTAssertEqual(PlainScalar.resolve("off"), .string("off"))
        XCTAssertEqual(PlainScalar.resolve("True"), .bool(true))
        XCTAssertEqual(PlainScalar.resolve("~"), .null)
        XCTAssertEqual(PlainScalar.resolve(""), .null)
        XCTAssertEqual(PlainScalar.resolve("1_000"), .number(1000))
        XCTAssertEqual(PlainScalar.resolve("0x10"), .number(16))
        XCTAssertEqual(PlainScalar.resolve("0o17"), .number(15))
        XCTAssertEqual(PlainScalar.resolve("+.5"), .number(0.5))
        XCTAssertEqual(PlainScalar.resolve("1e3"), .number(1000))
        XCTAssertEqual(PlainScalar.resolve("-2.975"), .number(-2.975))
        XCTAssertEqual(PlainScalar.resolve("1e-09"), .number(1e-9))
        XCTAssertEqual(PlainScalar.resolve("-.inf"), .number(-.infinity))
        XCTAssertEqual(PlainScalar.resolve(".nan").description, ConfigValue.number(.nan).description)
        for text in ["inf", "nan", "1__0", "_1", "1e", "e3", ".", "1.2.3", "0x", "0xG", "1:20", "2001-01-01", "+-1", "12abc"] {
            XCTAssertEqual(PlainScalar.resolve(text), .string(text), text)
        }
    }

    func testQuotedScalarsAreStrings() throws {
        XCTAssertEqual(errors("seed: '1'\nreplications: \"2\"\n"), [
            "m.yaml:1:7: error: seed must be an integer from 0 to 9223372036854775808; got the string '1'",
            "m.yaml:2:15: error: replications must be an integer from 1 to 2147483647; got the string '2'",
        ])
        XCTAssertEqual(try load("seed: !!int '5'\nreplications: 1\n").seed, 5)
    }
}
