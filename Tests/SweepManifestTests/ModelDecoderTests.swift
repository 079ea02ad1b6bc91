import XCTest
import TicketModel
@testable import SweepManifest

final class ModelDecoderTests: XCTestCase {
    private func node(_ value: ConfigValue, line: Int = 40, column: Int = 7) -> ConfigNode {
        ConfigNode(value: value, mark: SourceMark(line: line, column: column))
    }

    func testOverrideWithAWholePricingMap() throws {
        let m = try load(specExample)
        let fixed = node(.object([("mechanism", .string("fixed")), ("price", .number(0.2))]))
        let p = try ModelDecoder.parameters(base: m.base, overrides: [(try ParameterPath(parsing: "pricing"), fixed)], manifest: m)
        XCTAssertEqual(p.pricing, .fixed(price: 0.2))
        XCTAssertEqual(p.maxSalesPerSlot, 4, "defaults are filled in the replacing map")
        XCTAssertEqual(p.defaultWarmup, 33, "no pool target: warm-up is the lookahead plus the first slot drawn for")

        let auction = node(.object([("mechanism", .string("auction")), ("format", .string("first-price"))]))
        let q = try ModelDecoder.parameters(base: m.base, overrides: [(try ParameterPath(parsing: "pricing"), auction)], manifest: m)
        XCTAssertEqual(q.pricing, .auction(TicketAuction(supply: 1, format: .firstPrice, shade: 0.05)))
    }

    func testOverridesOfFieldsByClassNameAndIndex() throws {
        let m = try load(specExample)
        let p = try ModelDecoder.parameters(base: m.base, overrides: [
            (try ParameterPath(parsing: "buyers[lottery].risk_aversion"), node(.number(-4))),
            (try ParameterPath(parsing: "buyers[0].count"), node(.number(3))),
            (try ParameterPath(parsing: "pricing.target.pool"), node(.number(128))),
            (try ParameterPath(parsing: "warmup"), node(.number(500))),
            (try ParameterPath(parsing: "buyers[lottery].max_tickets"), node(.number(2))),
            (try ParameterPath(parsing: "buyers[lottery].belief"), node(.string("ewma"))),
        ], manifest: m)
        XCTAssertEqual(p.buyers[1].riskAversion, -4)
        XCTAssertEqual(p.buyers[0].riskAversion, 0)
        XCTAssertEqual(p.buyers[0].count, 3)
        XCTAssertEqual(p.buyers[1].maxTickets, 2)
        XCTAssertEqual(p.buyers[1].belief, .ewma(halfLife: 256))
        XCTAssertEqual(p.warmup, 500)
        XCTAssertEqual(p.pricing, .eip1559(EIP1559Pricing(target: .pool(128), quotient: 8, initialPrice: 0.1, minPrice: 1e-9)))
        XCTAssertEqual(m.baseParameters.buyers[1].riskAversion, -2, "the base is unchanged")
    }

    func testAnOverrideErrorCarriesTheOverridesMark() throws {
        let m = try load(specExample)
        XCTAssertThrowsError(try ModelDecoder.parameters(
            base: m.base, overrides: [(try ParameterPath(parsing: "pricing.quotient"), node(.number(0.5), line: 16, column: 30))], manifest: m
        )) { error in
            XCTAssertEqual((error as? ManifestProblems)?.description,
                           "/tmp/ticketsweep-tests/m.yaml:16:30: error: pricing.quotient must be a number >= 1; got 0.5")
        }
        let fixed = node(.object([("mechanism", .string("fixed")), ("price", .number(-1))]), line: 3, column: 9)
        XCTAssertThrowsError(try ModelDecoder.parameters(
            base: m.base, overrides: [(try ParameterPath(parsing: "pricing"), fixed)], manifest: m
        )) { error in
            XCTAssertEqual((error as? ManifestProblems)?.errors.map(\.description), [
                "/tmp/ticketsweep-tests/m.yaml:3:9: error: pricing.price must be a number >= 0; got -1",
            ], "a default-less value inside an override map is reported at the map")
        }
        XCTAssertThrowsError(try ModelDecoder.parameters(
            base: m.base, overrides: [
                (try ParameterPath(parsing: "pricing"), node(.object([("mechanism", .string("fixed"))]), line: 5, column: 5)),
                (try ParameterPath(parsing: "pricing.quotient"), node(.number(4), line: 6, column: 6)),
            ], manifest: m
        )) { error in
            XCTAssertEqual((error as? ManifestProblems)?.errors.map(\.description), [
                "/tmp/ticketsweep-tests/m.yaml:6:6: error: 'pricing.quotient' names no parameter: pricing mechanism 'fixed' has no key 'quotient' ('eip1559' and 'exponential' have it)",
            ])
        }
    }

    func testEveryMechanismAndDistributionDecodes() throws {
        let m = try load(required + """
            base:
              value: {distribution: uniform, low: 0.5, high: 2, persistence: 0.3}
              warmup: 10
              pricing: {mechanism: exponential, target_pool: 10, quotient: 2, min_price: 0.01, max_sales_per_slot: 7}
              builders: {count: 2, skills: [1, 1.5], noise: 0}
              buyers: [{name: a, count: 2, max_tickets: 5, max_buy_per_slot: 3, belief: ewma, half_life: 64, miss_rate: 0.1, discount_rate: 0}]
            """)
        let p = m.baseParameters
        XCTAssertEqual(p.value, ValueModel(distribution: .uniform(low: 0.5, high: 2), persistence: 0.3))
        XCTAssertEqual(p.warmup, 10)
        XCTAssertEqual(p.pricing, .exponential(ExponentialPricing(targetPool: 10, quotient: 2, priceAtTarget: 0.01)))
        // Version 1's name for price_at_target is accepted with a warning at its key.
        XCTAssertEqual(m.warnings, [
            "/tmp/ticketsweep-tests/m.yaml:6:67: warning: pricing.min_price of the exponential mechanism is now called price_at_target "
                + "(it is the price at the target pool, not a minimum); the old name is accepted for now: rename it",
        ])
        XCTAssertTrue(m.canonicalYAML.contains("price_at_target: 0.01"), m.canonicalYAML)
        let renamed = try load(required + "base: {pricing: {mechanism: exponential, price_at_target: 0.01}}")
        XCTAssertEqual(renamed.warnings, [])
        XCTAssertEqual(renamed.baseParameters.pricing, .exponential(ExponentialPricing(priceAtTarget: 0.01)))
        XCTAssertEqual(p.maxSalesPerSlot, 7)
        XCTAssertEqual(p.builders, BuilderMarket(count: 2, noise: 0, auction: .secondPrice, shade: 0.05, skills: [1, 1.5]))
        XCTAssertEqual(p.buyers, [BuyerClass(name: "a", count: 2, extraction: 0, discountPerSlot: 0, riskAversion: 0, missRate: 0.1,
                                             maxTickets: 5, maxBuyPerSlot: 3, belief: .ewma(halfLife: 64))])
        func decode(_ value: String) throws -> ModelParameters {
            try load(required + "base: {value: \(value), pricing: {mechanism: execution-auction, lead: 3}}").baseParameters
        }
        XCTAssertEqual(try decode("{distribution: constant, value: 2}").value.distribution, .constant(2))
        XCTAssertEqual(try decode("{distribution: lognormal}").value.distribution, .lognormal(mu: -2.975, sigma: 0.85))
        XCTAssertEqual(try decode("{alpha: 1.5}").value.distribution,
                       .lognormalPareto(LognormalPareto(mu: -2.975, sigma: 0.85, tailQuantile: 0.95, alpha: 1.5, max: 692)))
        XCTAssertEqual(try decode("{alpha: 2.5, max: .inf}").value.distribution,
                       .lognormalPareto(LognormalPareto(mu: -2.975, sigma: 0.85, tailQuantile: 0.95, alpha: 2.5, max: .infinity)))
        XCTAssertEqual(try decode("{}").value, .mainnet)
        let equilibrium = try load(required + "base: {builders: {auction: first-price, shade: equilibrium}}").baseParameters.builders
        XCTAssertEqual(equilibrium, BuilderMarket(auction: .firstPrice, shade: 0.05, equilibriumShade: true))
        let learner = try load(required + "base: {buyers: [{name: l, belief: ewma, prior: {mean: 0.2, variance: 3}}]}").baseParameters.buyers[0]
        XCTAssertEqual(learner.prior, PayoffBelief(mean: 0.2, variance: 3))
        XCTAssertNil(try load(required + "base: {buyers: [{name: l, belief: ewma}]}").baseParameters.buyers[0].prior, "prior: exact")
        XCTAssertEqual(errors(required + "base: {buyers: [{name: l, prior: {mean: 0.2}}]}"), [
            "m.yaml:3:34: error: missing key 'variance' in buyers[l].prior",
        ])
        XCTAssertEqual(try decode("{}").pricing, .executionAuction(ExecutionAuction(lead: 3, format: .secondPrice, shade: 0.05)))
        XCTAssertEqual(try load(required + "base: {pricing: {mechanism: proportional}}").baseParameters.pricing, .proportional)
        XCTAssertEqual(try load(required + "base: {pricing: {target: {sales: 2}}}").baseParameters.pricing,
                       .eip1559(EIP1559Pricing(target: .sales(2))))
    }
}
