import ArgumentParser
import Foundation
import SweepCore
import SweepEngine
import SweepPlanner

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the size of a sweep: points, shards, work, time on this machine and output.",
        discussion: """
            The time comes from a short calibration run (about 0.3 s) of the manifest's first \
            point on this machine, scaled to every point with one worker per core; --no-calibrate \
            skips it. A plan that would run for more than a day or write more than 10 GB gets a \
            warning on standard error.

            With `precision`, the counts and time are the first round's, and a pilot (the first \
            round's first 256 paths, at most, of up to four points, simulated here) estimates the \
            replications the target needs as (sd / se)^2; --no-calibrate skips it too.

            Examples:
              ticketsweep plan sweeps/quickstart.yaml
              ticketsweep plan sweeps/quickstart.yaml --json --workers 16
            """)

    @Argument(help: "The manifest (YAML, or JSON when it ends in .json).")
    var manifest: String

    @Flag(help: "Print the plan as one JSON object.")
    var json = false

    @Option(help: "Workers to estimate the time for (default: one per core here).")
    var workers: Int?

    @Flag(help: "Do not time a short run of the first point; no time estimate.")
    var noCalibrate = false

    func validate() throws {
        if let workers, workers < 1 || workers > 4096 {
            throw ValidationError("--workers must be between 1 and 4096, got \(workers)")
        }
    }

    func run() throws {
        let plan = try CommandSupport.plan(manifest)
        let m = plan.settings
        let steps = plan.slotSteps()
        let estimate = PlanEstimate(
            plan: plan, workers: workers ?? ProcessInfo.processInfo.activeProcessorCount, calibrate: !noCalibrate)
        var warnings: [String] = []
        if estimate.runsLong, let seconds = estimate.seconds {
            warnings.append("this sweep would run for about \(ProgressPrinter.duration(seconds)) here with \(estimate.workers) workers; "
                + "use fewer points, replications or slots, or a cluster (ticketsweep slurm)")
        }
        if estimate.writesLarge {
            warnings.append("this sweep would write about \(CommandSupport.bytes(estimate.outputBytes)) of results; "
                + "use fewer points or replications, or list fewer outputs.metrics")
        }
        for warning in warnings { CommandSupport.printError("warning: \(warning)") }
        let pilot = m.precision != nil && !noCalibrate ? PrecisionPilot(plan: plan) : nil
        if json {
            var info: [String: Any] = [
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
                "workers": estimate.workers,
                "estimated_seconds": estimate.seconds ?? NSNull(),
                "calibration_slot_steps_per_second": estimate.slotStepsPerSecond ?? NSNull(),
                "calibration_seconds": estimate.calibrationSeconds,
                "estimated_output_bytes": Int(estimate.outputBytes.rounded()),
                "warnings": warnings,
            ]
            if let precision = precisionJSON(plan: plan, pilot: pilot) { info["precision"] = precision }
            let data = try JSONSerialization.data(withJSONObject: info, options: [.sortedKeys])
            CommandSupport.print(String(decoding: data, as: UTF8.self))
            return
        }
        let time: String
        if let seconds = estimate.seconds, let rate = estimate.slotStepsPerSecond {
            time = "about \(ProgressPrinter.duration(seconds)) with \(estimate.workers) workers "
                + "(calibrated here: \(String(format: "%.3g", rate)) slot-steps/s per worker)"
        } else {
            time = "not estimated (\(estimate.notCalibrated ?? "not calibrated"))"
        }
        CommandSupport.print("""
            \(m.name): \(plan.points.count) points x \(m.replications) replications = \(plan.points.count * m.replications) paths of \(m.slots) slots
            swept: \(plan.columns.isEmpty ? "(nothing)" : plan.columns.joined(separator: ", "))
            shards: \(plan.shards.count) (\(m.shardSize) replications each)
            work: \(String(format: "%.3g", steps)) slot-steps (warmup included)
            time: \(time)
            output: about \(CommandSupport.bytes(estimate.outputBytes))
            """)
        if let lines = precisionText(plan: plan, pilot: pilot) { CommandSupport.print(lines) }
    }
}
