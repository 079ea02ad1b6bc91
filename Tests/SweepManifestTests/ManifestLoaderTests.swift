import XCTest
import TicketModel
@testable import SweepManifest

final class ManifestLoaderTests: XCTestCase {
    func testDefaultsAreFilledIn() throws {
        let m = try load(required, file: "/tmp/runs/my sweep.yaml")
        XCTAssertEqual(m.name, "my-sweep")
        XCTAssertEqual(m.seed, 1)
        XCTAssertEqual(m.replications, 10)
        XCTAssertEqual(m.slots, 7200)
        XCTAssertTrue(m.commonRandomNumbers)
        XCTAssertEqual(m.shardSize, 10, "min(replications, 100)")
        XCTAssertEqual(m.directory, "/tmp/runs")
        XCTAssertNil(m.outputs.metrics)
        XCTAssertEqual(m.outputs.quantiles, [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])
        XCTAssertEqual(m.outputs.histogramBins, 64)
        XCTAssertTrue(m.sweep.grid.isEmpty && m.sweep.zip.isEmpty && m.sweep.sample == nil)
        XCTAssertEqual(m.sweep.pointCount, 1)
        // MODEL.md section 10, as the model's own initialisers state them.
        XCTAssertEqual(m.baseParameters, ModelParameters())
        XCTAssertEqual(m.base["pricing"]?["quotient"]?.number, 8)
        XCTAssertEqual(m.base["pricing"]?["target"]?["pool"]?.number, 64)
        XCTAssertEqual(m.base["pricing"]?["min_price"]?.number, 1e-9)
        XCTAssertEqual(m.base["value"]?["distribution"]?.string, "lognormal-pareto")
        XCTAssertEqual(m.base["buyers"]?.list?.first?["discount_rate"]?.number, 0.05)
        XCTAssertNil(m.base["warmup"], "optional without a default: left out")
        XCTAssertNil(m.base["pricing"]?["mechanism"]?.mark, "a filled-in default has no position")
        // MODEL.md version 2, section 8: 22 path metrics with one class, 4 per ticket, 1 per point.
        XCTAssertEqual(m.metricNames.count, 27)
        XCTAssertEqual(Array(m.metricNames.prefix(9)), [
            "value_total", "surplus_total", "protocol_revenue", "capture_ratio", "proposer_revenue", "builder_profit", "lost_value",
            "profit.default", "slot_share.default",
        ])
        XCTAssertEqual(Array(m.metricNames.suffix(7)), [
            "sales_per_slot", "resale_rate", "ticket_return", "ticket_multiple", "ticket_wait", "ticket_price", "capture_pooled",
        ])
        XCTAssertTrue(m.metricNames.contains("nakamoto") && m.metricNames.contains("run_share"))
        XCTAssertEqual(try load("seed: 1\nreplications: 1000\n").shardSize, 100)
    }

    func testSpecExampleParsesAsWritten() throws {
        let m = try load(specExample)
        XCTAssertEqual(m.name, "capture-vs-quotient")
        XCTAssertEqual(m.seed, 20_261_125)
        XCTAssertEqual(m.replications, 400)
        XCTAssertEqual(m.shardSize, 100)
        XCTAssertEqual(m.sweep.grid.map(\.path.description), ["pricing.quotient", "pricing.target.pool"])
        XCTAssertEqual(m.sweep.grid[0].values.map(\.number), [4, 8, 16, 32])
        XCTAssertEqual(m.sweep.grid[0].labels, ["4", "8", "16", "32"])
        XCTAssertEqual(m.sweep.grid[0].mark, SourceMark(line: 16, column: 5))
        XCTAssertEqual(m.sweep.grid[0].values[1].mark, SourceMark(line: 16, column: 27))
        XCTAssertEqual(m.sweep.grid[1].values.map(\.number), [16, 32, 64, 128, 256])
        XCTAssertEqual(m.sweep.zip.map(\.path.description), ["buyers[lottery].count", "buyers[lottery].risk_aversion"])
        XCTAssertEqual(m.sweep.zip[0].values.map(\.number), [10, 50])
        XCTAssertEqual(m.sweep.zip[1].values.map(\.number), [-1, -4])
        XCTAssertEqual(m.sweep.zip[1].labels, ["-1", "-4"])
        let sample = try XCTUnwrap(m.sweep.sample)
        XCTAssertEqual(sample.method, .sobol)
        XCTAssertEqual(sample.points, 64)
        XCTAssertEqual(sample.ranges.count, 1)
        XCTAssertEqual(sample.ranges[0].path.description, "value.alpha")
        XCTAssertEqual(sample.ranges[0].low, 1.2)
        XCTAssertEqual(sample.ranges[0].high, 1.6)
        XCTAssertFalse(sample.ranges[0].integer)
        XCTAssertEqual(m.sweep.pointCount, 4 * 5 * 2 * 64)
        XCTAssertEqual(m.outputs.metrics, nil)

        let p = m.baseParameters
        XCTAssertEqual(p.pricing, .eip1559(EIP1559Pricing(target: .pool(64), quotient: 8, initialPrice: 0.1, minPrice: 1e-9)))
        XCTAssertEqual(p.builders, BuilderMarket(count: 5, noise: 0.1, auction: .firstPrice, shade: 0.05))
        XCTAssertEqual(p.buyers.map(\.name), ["integrated", "lottery"])
        XCTAssertEqual(p.buyers[1].count, 50)
        XCTAssertEqual(p.buyers[1].riskAversion, -2)
        XCTAssertEqual(p.buyers[1].discountPerSlot, BuyerClass.perSlotRate(annual: 0.03))
        XCTAssertEqual(p.buyers[0].extraction, 1)
    }

    func testLogAxisOfAnIntegerParameter() throws {
        let m = try load(required + "sweep:\n  grid:\n    pricing.target.pool: {from: 16, to: 256, steps: 5, scale: log}\n")
        XCTAssertEqual(m.sweep.grid[0].values.map(\.number), [16, 32, 64, 128, 256])
        XCTAssertEqual(m.sweep.grid[0].labels, ["16", "32", "64", "128", "256"])
        XCTAssertEqual(m.sweep.grid[0].values[2].mark, SourceMark(line: 5, column: 26), "generated values carry the axis's position")
    }

    func testLinearAxisOfADoubleIsCleanedToTwelveDigits() throws {
        let m = try load(required + "sweep:\n  grid:\n    builders.noise: {from: 0, to: 0.3, steps: 4}\n    value.alpha: {values: [1.2, 1.4]}\n")
        XCTAssertEqual(m.sweep.grid[0].values.map(\.number), [0, 0.1, 0.2, 0.3])
        XCTAssertEqual(m.sweep.grid[0].labels, ["0", "0.1", "0.2", "0.3"])
        XCTAssertEqual(m.sweep.grid[1].values.map(\.number), [1.2, 1.4])
    }

    /// A zip axis may repeat a value when another axis tells the points apart (a feature set on
    /// one mechanism of several); a zip that repeats a whole point, or a lone zip axis that
    /// repeats a value, is refused.
    func testZipAxesMayRepeatValuesButNotPoints() throws {
        let m = try load(required + "sweep:\n  zip:\n    lookahead: [2, 2, 4]\n    builders.noise: [0.1, 0.2, 0.2]\n")
        XCTAssertEqual(m.sweep.zip[0].labels, ["2", "2", "4"])
        XCTAssertEqual(m.sweep.zip[1].labels, ["0.1", "0.2", "0.2"])
        XCTAssertEqual(errors(required + "sweep:\n  zip:\n    lookahead: [2, 4, 2]\n    builders.noise: [0.1, 0.2, 0.1]\n"), [
            "m.yaml:5:23: error: the zip gives the point {lookahead: 2, builders.noise: 0.1} twice (values 1 and 3)",
        ])
        XCTAssertEqual(errors(required + "sweep:\n  zip:\n    lookahead: [2, 2]\n"), [
            "m.yaml:5:20: error: sweep axis 'lookahead' gives 2 twice (values 1 and 2)",
        ])
    }

    func testIntegerAxisThatRoundsToDuplicatesIsAnError() {
        XCTAssertEqual(errors(required + "sweep:\n  grid:\n    lookahead: {from: 1, to: 3, steps: 4}\n"), [
            "m.yaml:5:16: error: sweep axis 'lookahead' gives 2 twice (values 2 and 3)",
        ])
    }

    func testAxisOfWholeMapsAndStrings() throws {
        let m = try load(required + """
            sweep:
              grid:
                pricing: [{mechanism: fixed, price: 0.1}, {mechanism: eip1559, target: {sales: 2}}]
                builders.auction: [first-price, second-price]
            """)
        XCTAssertEqual(m.sweep.grid[0].labels, ["{mechanism: fixed, price: 0.1}", "{mechanism: eip1559, target: {sales: 2}}"])
        XCTAssertEqual(m.sweep.grid[1].labels, ["first-price", "second-price"])
        XCTAssertEqual(ModelDecoder.isInteger(path: try ParameterPath(parsing: "pricing"), base: m.base), false)
    }

    func testNullLeavesAnOptionalParameterUnset() throws {
        let m = try load(required + "base:\n  warmup: ~\n  buyers: [{name: a, max_tickets: null}]\nsweep:\n  grid:\n    warmup: [~, 500]\n")
        XCTAssertNil(m.baseParameters.warmup)
        XCTAssertNil(m.baseParameters.buyers[0].maxTickets)
        XCTAssertEqual(m.sweep.grid[0].labels, ["null", "500"])
        let unset = try ModelDecoder.parameters(base: m.base, overrides: [(m.sweep.grid[0].path, m.sweep.grid[0].values[0])], manifest: m)
        let set = try ModelDecoder.parameters(base: m.base, overrides: [(m.sweep.grid[0].path, m.sweep.grid[0].values[1])], manifest: m)
        XCTAssertNil(unset.warmup)
        XCTAssertEqual(set.warmup, 500)
        XCTAssertEqual(errors(required + "slots: ~\n"), ["m.yaml:3:8: error: slots must be an integer from 1 to 2147483647; got nothing (null)"])
    }

    func testSampleRangeOfAnIntegerParameter() throws {
        let m = try load(required + "sweep:\n  sample:\n    method: latin-hypercube\n    points: 10\n    ranges:\n      builders.count: [2, 20]\n")
        let sample = try XCTUnwrap(m.sweep.sample)
        XCTAssertEqual(sample.method, .latinHypercube)
        XCTAssertTrue(sample.ranges[0].integer)
        XCTAssertEqual(sample.ranges[0].mark, SourceMark(line: 8, column: 7))
    }

    func testLargeSeedKeepsEveryDigit() throws {
        let m = try load("seed: 9223372036854775807\nreplications: 1\n")
        XCTAssertEqual(m.seed, 9_223_372_036_854_775_807)
        XCTAssertTrue(m.canonicalYAML.contains("seed: 9223372036854775807\n"))
        XCTAssertEqual(try load("seed: 9223372036854775808\nreplications: 1\n").seed, 1 << 63)
        XCTAssertEqual(errors("seed: 9223372036854775809\nreplications: 1\n"), [
            "m.yaml:1:7: error: seed must be an integer from 0 to 9223372036854775808; got 9223372036854775809",
        ])
        XCTAssertEqual(try load("seed: 20_261_125\nreplications: 1\n").seed, 20_261_125)
    }

    func testOutputs() throws {
        let m = try load(required + "outputs:\n  metrics: [capture_ratio, profit.default, sales_per_slot]\n  quantiles: [0.9, 0.1]\n  histogram: {bins: 10}\n")
        XCTAssertEqual(m.outputs.metrics, ["capture_ratio", "profit.default", "sales_per_slot"])
        XCTAssertEqual(m.outputs.quantiles, [0.1, 0.9], "stored ascending")
        XCTAssertEqual(m.outputs.histogramBins, 10)
        XCTAssertEqual(errors(required + "outputs:\n  metrics: [capture_ration, profit.defualt, hhi, hhi]\n  quantiles: [0.5, 0.5, 1]\n"), [
            "m.yaml:4:13: error: unknown metric 'capture_ration' in outputs.metrics; did you mean 'capture_ratio'?",
            "m.yaml:4:29: error: unknown metric 'profit.defualt' in outputs.metrics; did you mean 'profit.default'?",
            "m.yaml:4:50: error: outputs.metrics lists 'hhi' twice",
            "m.yaml:5:20: error: outputs.quantiles lists 0.5 twice",
            "m.yaml:5:25: error: outputs.quantiles[2] must be a number in (0, 1); got 1",
        ])
    }

    func testIsInteger() throws {
        let base = try load(specExample).base
        func isInteger(_ path: String) throws -> Bool? { ModelDecoder.isInteger(path: try ParameterPath(parsing: path), base: base) }
        XCTAssertEqual(try isInteger("pricing.target.pool"), true)
        XCTAssertEqual(try isInteger("buyers[lottery].count"), true)
        XCTAssertEqual(try isInteger("buyers[1].max_tickets"), true)
        XCTAssertEqual(try isInteger("warmup"), true)
        XCTAssertEqual(try isInteger("pricing.quotient"), false)
        XCTAssertEqual(try isInteger("value.alpha"), false)
        XCTAssertEqual(try isInteger("builders.skills[0]"), nil, "the base has no skills")
        XCTAssertEqual(try isInteger("pricing.price"), nil, "eip1559 has no price")
        XCTAssertEqual(try isInteger("buyers[nobody].count"), nil)
        XCTAssertEqual(try isInteger("pricing.target.sales"), nil, "the base targets the pool")
    }

    func testReferenceIsGeneratedFromTheSchema() {
        let text = ManifestSchema.referenceMarkdown()
        XCTAssertTrue(text.contains("| `quotient` | number >= 1 | `8` | adjustment quotient `A`: the price moves at most `1/A` per slot |"), text)
        XCTAssertTrue(text.contains("| `seed` | integer 0–9223372036854775808 | **required** |"), text)
        XCTAssertTrue(text.contains("#### `mechanism: execution-auction`"), text)
        XCTAssertTrue(text.contains("| `count` | integer 1–100000 | `1` | identical agents in the class |"), text)
        XCTAssertTrue(text.contains("| `buyers` | list of map (at least 1) | `[{name: default, count: 10}]` |"), text)
        XCTAssertTrue(text.contains("Also: `shade: equilibrium` only with equal skills; `skills`, when given, has `count` entries."), text)
        XCTAssertTrue(text.contains("| `shade` | number in [0, 1) or `equilibrium` | `0.05` |"), text)
    }
}
