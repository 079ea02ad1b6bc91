import Foundation
import XCTest
@testable import SweepManifest

/// The two keys every manifest needs, for tests that are about something else.
let required = "seed: 1\nreplications: 10\n"

/// The error lines of a manifest that should not load (empty when it loads).
func errors(_ text: String, file: String = "m.yaml", json: Bool = false) -> [String] {
    do {
        _ = try ManifestLoader.parse(text: text, file: file, json: json)
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

/// Loads a manifest that should be valid, failing the test with its errors otherwise.
func load(_ text: String, file: String = "/tmp/ticketsweep-tests/m.yaml", json: Bool = false,
          line: UInt = #line) throws -> Manifest {
    do {
        return try ManifestLoader.parse(text: text, file: file, json: json)
    } catch {
        XCTFail("unexpected problems:\n\(error)", line: line)
        throw error
    }
}

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The manifest of SPEC.md, "The sweep manifest", as written there.
let specExample = """
    name: capture-vs-quotient          # the results folder's default name
    model: execution-tickets
    seed: 20261125
    replications: 400                  # Monte Carlo paths per grid point
    slots: 7200                        # slots per path (7200 = one day)
    base:                              # every parameter of MODEL.md, with defaults when left out
      value: {distribution: lognormal-pareto, mu: -2.975, sigma: 0.85, tail_quantile: 0.95, alpha: 1.2}
      lookahead: 32
      pricing: {mechanism: eip1559, target: {pool: 64}, quotient: 8, initial_price: 0.1}
      builders: {count: 5, noise: 0.1, auction: first-price, shade: 0.05}
      buyers:
        - {name: integrated, count: 1, extraction: 1.0, discount_rate: 0.05}
        - {name: lottery, count: 50, extraction: 0.0, discount_rate: 0.03, risk_aversion: -2}
    sweep:
      grid:                            # cartesian product of the axes
        pricing.quotient: [4, 8, 16, 32]
        pricing.target.pool: {from: 16, to: 256, steps: 5, scale: log}
      zip:                             # axes that move together (equal lengths)
        buyers[lottery].count: [10, 50]
        buyers[lottery].risk_aversion: [-1, -4]
      sample:                          # random designs over ranges, crossed with grid and zip
        method: sobol                  # sobol | latin-hypercube | uniform
        points: 64
        ranges: {value.alpha: [1.2, 1.6]}
    outputs:
      metrics: all                     # or a list of MODEL.md metric names
      quantiles: [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
      histogram: {bins: 64}
    """
