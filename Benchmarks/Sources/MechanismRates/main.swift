// Slot-steps per second of each pricing mechanism (and of `BenchmarkScenario.features`,
// e.g. `fixed` with resale) on the bench market, and each one's slowdown against `fixed`. The
// criteria: no mechanism more than 3 times slower (the model's criterion for a mechanism, which
// may do work of its own per slot, e.g. an auction among the classes or a contest's ticket per
// agent), no market feature (issue 15: resale, expiry, patient buyers; the rows named
// `mechanism+feature`) more than 2 times slower. The same work as the Mechanisms suite (one
// batch of 32 paths of 31,250 slot-steps per repetition, simulator made beforehand), timed
// without package-benchmark so that scripts can read one JSON object. The repetitions run
// round-robin over the cases, and a slowdown is the median of the per-round ratios to `fixed`:
//
//   swift run -c release MechanismRates [--repetitions 5] [--slots 31250] [--paths 32] [--only NAME]
//
// Prints {"mechanisms": [{"name", "slot_steps_per_second" (median), "slowdown_vs_fixed" (median),
// "criterion" (3 or 2), "met"}...], "worst_slowdown", "all_met", "paths", "slots_per_path",
// "repetitions", "fixed_price"}. `--only NAME` runs that one case (for callgrind: its slowdown
// is then against no `fixed` run and meaningless).
import BenchmarkScenario
import Foundation
import TicketModel

var repetitions = 5
var slotsPerPath = 31_250
var paths = 32
var only: String? = nil
var arguments = Array(CommandLine.arguments.dropFirst())
while let flag = arguments.first {
    arguments.removeFirst()
    if flag == "--only", let name = arguments.first {
        arguments.removeFirst()
        only = name
        continue
    }
    guard let text = arguments.first, let value = Int(text), value > 0 else {
        FileHandle.standardError.write(Data("MechanismRates: \(flag) wants a positive integer (flags: --repetitions, --slots, --paths; --only NAME)\n".utf8))
        exit(2)
    }
    arguments.removeFirst()
    switch flag {
    case "--repetitions": repetitions = value
    case "--slots": slotsPerPath = max(value, 201)
    case "--paths": paths = value
    default:
        FileHandle.standardError.write(Data("MechanismRates: unknown flag \(flag)\n".utf8))
        exit(2)
    }
}

var rows: [[String: Any]] = []
var worst = 0.0
var allMet = true
// The mechanisms, then the market features on top of one of them (`BenchmarkScenario.features`).
let cases = BenchmarkScenario.mechanisms.map { (name: $0.name, pricing: $0.pricing, change: { (_: inout ModelParameters) in }) }
    + BenchmarkScenario.features.map { (name: $0.name, pricing: $0.pricing, change: $0.change) }
let chosen = cases.filter { only == nil || $0.name == only }
let simulators = chosen.map { mechanism -> BatchSimulator in
    var setup = BenchmarkScenario.setup(pricing: mechanism.pricing, slotsPerPath: slotsPerPath)
    mechanism.change(&setup.parameters)
    let simulator = BatchSimulator(setup: setup, batchCapacity: paths)
    simulator.run(firstReplication: 0, count: paths)  // warm caches and pages
    return simulator
}
// Round-robin: repetition r runs every case once, so that a change of the machine's load
// (it is shared) falls on all of them alike; a case's slowdown is the median over the rounds of
// its time over `fixed`'s in the same round.
var rates = Array(repeating: [Double](), count: chosen.count)
for r in 0 ..< repetitions {
    for (i, simulator) in simulators.enumerated() {
        rates[i].append(Double(Rate.perSecond(paths * slotsPerPath) { simulator.run(firstReplication: r * paths, count: paths) }))
    }
}
let fixedIndex = chosen.firstIndex { $0.name == "fixed" }
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
for (i, mechanism) in chosen.enumerated() {
    let slowdown = fixedIndex.map { f in median((0 ..< repetitions).map { rates[f][$0] / rates[i][$0] }) } ?? 0
    worst = max(worst, slowdown)
    let criterion = mechanism.name.contains("+") ? 2.0 : 3.0
    allMet = allMet && slowdown <= criterion
    rows.append([
        "name": mechanism.name, "slot_steps_per_second": median(rates[i]), "slowdown_vs_fixed": slowdown, "criterion": criterion,
        "met": slowdown <= criterion,
    ])
}
let report: [String: Any] = [
    "mechanisms": rows, "worst_slowdown": worst, "all_met": allMet, "paths": paths, "slots_per_path": slotsPerPath,
    "repetitions": repetitions, "fixed_price": BenchmarkScenario.fixedPriceAtTarget,
]
let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
print(String(decoding: data, as: UTF8.self))
