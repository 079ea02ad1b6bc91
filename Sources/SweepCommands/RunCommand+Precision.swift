import Foundation
import SweepCore
import SweepEngine
import SweepPlanner
import SweepResults

/// `run` for a manifest with `precision`: rounds of shards until every point meets the target.
extension RunCommand {
    /// Why `--shard` (and `slurm`) refuse a precision target, and what to do instead.
    static let precisionShardRefusal = """
        precision targets run in rounds, and each round's shards are decided from the tables of the \
        rounds before, which one task of --shard I/N (or a Slurm job array written in advance) cannot see; \
        run the manifest on one machine with `ticketsweep run M --out DIR` (--resume continues the rounds). \
        On Slurm, submit that as one job on one node, for example \
        `sbatch --cpus-per-task=C --wrap "ticketsweep run M --out DIR --workers C --resume"`; a job stopped at its \
        time limit (SIGTERM) keeps its finished shards, and submitting the same job again continues the rounds. \
        `ticketsweep slurm` does not write job arrays for precision rounds
        """

    /// Runs the rounds, prints the progress (round and worst SE) and reduces with the final
    /// schedule; on a signal, stops as a plain run does (exit 143 or 130, the resume command).
    func runPrecision(plan: SweepPlan, folder: ResultsFolder, signals: SignalStop, printer: ProgressPrinter) throws {
        let runner = SweepRunner(workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let started = Date()
        var computed = 0
        var complete = 0
        var stoppedBy: Int32?
        let schedule = try PrecisionRounds.run(plan: plan, folder: folder) { (schedule, pending) throws(SweepError) -> Bool in
            let round = schedule.roundShards(plan.shards).count
            printer.precisionStatus = (schedule.round, schedule.worstStandardError)
            let outcome = try runner.run(
                plan: plan, shards: pending, folder: folder, skipped: round - pending.count, stop: signals.request
            ) { printer.report($0) }
            computed += outcome.computed
            complete += round - pending.count
            stoppedBy = outcome.stoppedBy
            return outcome.stoppedBy == nil
        }
        signals.uninstall()
        let seconds = Date().timeIntervalSince(started)
        guard let schedule else {
            let signal = stoppedBy ?? 15
            let stop = RunStopReport(
                signal: signal, slice: nil, computed: computed, alreadyComplete: complete,
                total: computed + complete, seconds: seconds, resumeCommand: resumeCommand(folder: folder), slurmResumeCommand: nil)
            printer.finish(summary: stop.summary)
            throw SweepError.stopped(signal: signal, stop.message + "\n(precision: the rounds continue from the partials on resume)")
        }
        let points = schedule.blocks.indices
        let unmet = points.filter { !schedule.met($0) }.count
        printer.finish(summary: String(
            format: "computed %d shards in %.1f s (%d already complete) with %d workers; %d precision rounds, worst SE of %@ %@ (target %@)%@",
            computed, seconds, complete, runner.workers, schedule.round - 1, schedule.target.metric,
            NumberFormat.text(schedule.worstStandardError), NumberFormat.text(schedule.target.standardError),
            unmet == 0 ? ", met at every point" : ", \(unmet) of \(points.count) points at max_replications without meeting it"))
        let reduced = try Reducer.reduce(plan: plan, folder: folder, schedule: schedule, workers: runner.workers)
        CommandSupport.print("results: \(folder.path) (\(reduced.points) points, \(reduced.shards) shards, \(reduced.summaryRows) summary rows)")
    }
}
