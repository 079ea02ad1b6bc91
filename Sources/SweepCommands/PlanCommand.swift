import ArgumentParser
import Foundation
import SweepCore
import SweepPlanner
import TicketModel

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the size of a sweep: points, shards, work and output.",
        discussion: """
            Example:
              ticketsweep plan sweeps/quickstart.yaml
              ticketsweep plan sweeps/quickstart.yaml --json
            """)

    @Argument(help: "The manifest (YAML, or JSON when it ends in .json).")
    var manifest: String

    @Flag(help: "Print the plan as one JSON object.")
    var json = false

    func run() throws {
        let plan = try CommandSupport.plan(manifest)
        let m = plan.manifest
        let steps = try plan.slotSteps()
        let params = try plan.parameters(ofPoint: 0)
        let layout = MetricLayout(params)
        // A partial holds one metric row and the ticket moments per replication, plus the
        // ticket sketches; tables hold a row per point and metric.
        let perReplication = Double(layout.pathMetrics.count * 8 + layout.ticketMetrics.count * 64)
        let partials = Double(m.replications * plan.points.count) * perReplication + Double(plan.shards.count) * 40_000
        let tables = Double(plan.points.count * layout.allNames.count) * (200 + Double(m.outputs.histogramBins) * 40)
        let info: [String: Any] = [
            "manifest": manifest,
            "name": m.name,
            "points": plan.points.count,
            "replications": m.replications,
            "slots": m.slots,
            "shards": plan.shards.count,
            "shard_size": m.shardSize,
            "paths": plan.points.count * m.replications,
            "slot_steps": steps,
            "columns": plan.columns,
            "estimated_output_bytes": Int(partials + tables),
        ]
        if json {
            let data = try JSONSerialization.data(withJSONObject: info, options: [.sortedKeys])
            CommandSupport.print(String(decoding: data, as: UTF8.self))
            return
        }
        CommandSupport.print("""
            \(m.name): \(plan.points.count) points x \(m.replications) replications = \(plan.points.count * m.replications) paths of \(m.slots) slots
            swept: \(plan.columns.isEmpty ? "(nothing)" : plan.columns.joined(separator: ", "))
            shards: \(plan.shards.count) (\(m.shardSize) replications each)
            work: \(String(format: "%.3g", steps)) slot-steps (warmup included)
            output: about \(CommandSupport.bytes(partials + tables))
            """)
    }
}
