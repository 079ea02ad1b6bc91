import ArgumentParser
import Foundation
import SweepCore
import SweepEngine
import SweepPlanner
import SweepResults

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep on this machine, then reduce it to tables.",
        discussion: """
            Shards whose partials are already complete and valid are never recomputed, so running \
            again on the same folder (or with --resume) finishes an interrupted run and gives \
            byte-identical tables. With --shard I/N only task I of N runs (for job arrays) and \
            nothing is reduced.

            SIGTERM (what Slurm sends at a time limit or on scancel) and SIGINT (Ctrl-C) stop the \
            run cleanly: the shards in flight are abandoned within one batch of paths (no partial \
            of them is written), nothing is reduced, the shards done are counted and the command \
            that resumes is printed; the exit status is 143 (SIGTERM) or 130 (SIGINT). A second \
            signal ends the process at once.

            With `precision` in the manifest, replications run in rounds of whole shards until \
            every point meets the SE target or reaches max_replications; --resume replays the \
            finished rounds from their partials and continues. --shard is then refused.

            Examples:
              ticketsweep run sweeps/quickstart.yaml --out results/quickstart
              ticketsweep run sweeps/bench.yaml --out /scratch/bench --workers 2
              ticketsweep run sweeps/bench.yaml --out /scratch/bench --shard 3/8
            """)

    @Argument(help: "The manifest (YAML, or JSON when it ends in .json).")
    var manifest: String

    @Option(help: "The results folder (default: results/<manifest name>).")
    var out: String?

    @Option(help: "Worker threads (default: one per core).")
    var workers: Int?

    @Option(help: ArgumentHelp("Run only task I of N, without reducing.", valueName: "I/N"))
    var shard: String?

    @Flag(help: "Recompute only the shards whose partials are missing or corrupt (the default behaviour, stated).")
    var resume = false

    @Flag(help: "Discard the partials of another manifest in the results folder.")
    var force = false

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        if let workers, workers < 1 || workers > 4096 {
            throw ValidationError("--workers must be between 1 and 4096, got \(workers)")
        }
        if let shard, TaskSlice(parsing: shard) == nil {
            throw ValidationError("--shard must be I/N with 0 <= I < N (for example 0/4), got '\(shard)'")
        }
    }

    func run() throws {
        let plan = try CommandSupport.plan(manifest)
        if shard != nil, plan.settings.precision != nil { throw SweepError.badInput("--shard: " + RunCommand.precisionShardRefusal) }
        let folder = CommandSupport.folder(out, settings: plan.settings)
        // SIGTERM and SIGINT stop the workers between batches instead of killing the process.
        let signals = SignalStop { AtomicFile.removeTemporaryFiles(in: folder.shardsPath) }
        defer { signals.uninstall() }
        try folder.prepare(for: plan.settings, force: force)
        let slice = shard.flatMap(TaskSlice.init(parsing:))
        if plan.settings.precision != nil {
            try runPrecision(plan: plan, folder: folder, signals: signals, printer: ProgressPrinter(quiet: quiet))
            return
        }
        let mine = plan.shards.filter { slice?.contains($0) ?? true }
        let pending = SweepRunner.pendingShards(plan: plan, folder: folder, slice: slice)
        let runner = SweepRunner(workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let printer = ProgressPrinter(quiet: quiet)
        let started = Date()
        let outcome: SweepRunner.Outcome
        do {
            outcome = try runner.run(
                plan: plan, shards: pending, folder: folder, skipped: mine.count - pending.count, stop: signals.request
            ) { printer.report($0) }
        } catch {
            signals.uninstall()
            printer.finish(summary: String(
                format: "stopped after computing %d of %d shards in %.1f s (%d already complete)",
                printer.computed, mine.count, Date().timeIntervalSince(started), mine.count - pending.count))
            throw error
        }
        signals.uninstall()
        let seconds = Date().timeIntervalSince(started)
        if let signal = outcome.stoppedBy {
            let stop = RunStopReport(
                signal: signal, slice: slice, computed: outcome.computed, alreadyComplete: mine.count - pending.count,
                total: mine.count, seconds: seconds, resumeCommand: resumeCommand(folder: folder),
                slurmResumeCommand: slice == nil ? nil : slurmResumeCommand(folder: folder))
            printer.finish(summary: stop.summary)
            throw SweepError.stopped(signal: signal, stop.message)
        }
        let computed = pending.count
        printer.finish(summary: String(
            format: "computed %d of %d shards in %.1f s (%d already complete) with %d workers",
            computed, mine.count, seconds, mine.count - computed, runner.workers))
        if let slice {
            CommandSupport.print("task \(slice): \(mine.count) shards complete in \(folder.path)/shards")
            return
        }
        let reduced = try Reducer.reduce(plan: plan, folder: folder, workers: runner.workers)
        CommandSupport.print("results: \(folder.path) (\(reduced.points) points, \(reduced.summaryRows) summary rows)")
    }
}

extension RunCommand {
    /// The command that finishes this run: the same binary, manifest, folder, task and workers,
    /// with `--resume` (shell-quoted, to paste as it is).
    func resumeCommand(folder: ResultsFolder) -> String {
        var words = [CommandLine.arguments.first ?? "ticketsweep", "run", manifest, "--out", folder.path]
        if let shard { words += ["--shard", shard] }
        if let workers { words += ["--workers", String(workers)] }
        words.append("--resume")
        if quiet { words.append("--quiet") }
        return ShellQuoting.command(words)
    }

    /// `ticketsweep slurm M --out DIR --resume --submit` for this run's manifest and folder.
    func slurmResumeCommand(folder: ResultsFolder) -> String {
        ShellQuoting.command([CommandLine.arguments.first ?? "ticketsweep", "slurm", manifest, "--out", folder.path, "--resume", "--submit"])
    }
}

struct ReduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reduce",
        abstract: "Merge a results folder's partials into its tables.",
        discussion: """
            Fails with exit 1, naming the missing or corrupt shards, when any partial is not \
            complete; rerun with `ticketsweep run MANIFEST --out DIR --resume` to compute them.

            Example:
              ticketsweep reduce results/quickstart
            """)

    @Argument(help: "The results folder.")
    var folder: String

    func run() throws {
        let (plan, results) = try CommandSupport.plan(ofFolder: folder)
        let outcome = try Reducer.reduce(plan: plan, folder: results)
        CommandSupport.print("results: \(results.path) (\(outcome.points) points, \(outcome.shards) shards, \(outcome.summaryRows) summary rows)")
    }
}
