import ArgumentParser
import Foundation
import SweepCore
import SweepEngine
import SweepPlanner
import SweepResults

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and submit) a Slurm job array for a sweep and a reduce job after it.",
        discussion: """
            Writes DIR/slurm/array.sbatch, whose task I runs `ticketsweep run M --out DIR --shard I/N`, \
            DIR/slurm/reduce.sbatch, which runs `ticketsweep reduce DIR`, and DIR/slurm/slurm.json, \
            which records N and the job settings. With --submit both are submitted, the reduce \
            with --dependency=afterok on the array, so it runs only when every task succeeded; \
            without it, the command that submits them is printed.

            After failed, cancelled or timed-out tasks (a task stopped by SIGTERM at its time limit \
            keeps its finished shards), and once the array has ended, --resume writes an array of \
            only the tasks whose shards are missing or corrupt (for example --array=3,7, the same \
            task numbering as the first call) and a reduce after it; with every shard complete it \
            submits only the reduce if the tables are missing, and nothing otherwise. Job settings \
            not given again are those recorded in slurm.json.

            Examples:
              ticketsweep slurm sweeps/bench.yaml --out /shared/bench --tasks 16 --partition short --submit
              ticketsweep slurm sweeps/bench.yaml --out /shared/bench --resume --submit
            """)

    @Argument(help: "The manifest (YAML, or JSON when it ends in .json).")
    var manifest: String

    @Option(help: "The results folder, on a file system every node sees (default: results/<manifest name>).")
    var out: String?

    @Option(help: "Number of array tasks (with --resume: the recorded number, which it must match if given).")
    var tasks: Int?

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "Time limit per task, in Slurm's format (for example 02:00:00).")
    var time: String?

    @Option(help: "CPUs per task; the task runs one worker per CPU (default: 1, or the recorded value with --resume).")
    var cpusPerTask: Int?

    @Option(help: "The ticketsweep binary the jobs run (default: this one, or the recorded one with --resume).")
    var binary: String?

    @Flag(help: "Only the tasks whose shards are missing or corrupt, then the reduce (after a first `slurm` call).")
    var resume = false

    @Flag(help: "Submit the jobs with sbatch.")
    var submit = false

    @Flag(help: "Discard the partials of another manifest in the results folder.")
    var force = false

    func validate() throws {
        if let tasks, tasks < 1 || tasks > 1_000_000 { throw ValidationError("--tasks must be between 1 and 1000000, got \(tasks)") }
        if tasks == nil && !resume { throw ValidationError("--tasks N is required (or --resume, after a first `slurm` call)") }
        if resume && force { throw ValidationError("--resume keeps the folder's partials; it cannot be combined with --force") }
        if let cpusPerTask, cpusPerTask < 1 || cpusPerTask > 4096 { throw ValidationError("--cpus-per-task must be between 1 and 4096") }
        for (name, value) in [("--partition", partition), ("--time", time)] {
            if let value, value.isEmpty || value.contains(where: { $0.isWhitespace || "'\"\\#".contains($0) }) {
                throw ValidationError("\(name) must be one word without quotes, '\\' or '#', got '\(value)'")
            }
        }
    }

    func run() throws {
        let plan = try CommandSupport.plan(manifest)
        if plan.settings.precision != nil { throw SweepError.badInput("slurm: " + RunCommand.precisionShardRefusal) }
        let folder = CommandSupport.folder(out, settings: plan.settings)
        try folder.prepare(for: plan.settings, force: force)
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : cwd + "/" + p }
        let recorded = resume ? try SlurmRecord.read(from: folder) : nil
        let record = try settings(plan: plan, folder: folder, recorded: recorded, absolute: absolute)
        var scripts = SlurmScripts(
            name: plan.settings.name, digest: plan.settings.digest, executable: record.binary, manifest: absolute(manifest),
            folder: absolute(folder.path), tasks: record.tasks, indices: Array(0..<record.tasks),
            partition: record.partition, time: record.time, cpusPerTask: record.cpusPerTask)
        for (what, path) in [("results folder", scripts.folder), ("manifest", scripts.manifest), ("binary", scripts.executable)] {
            if let problem = SlurmScripts.unsupportedPath(path) {
                throw SweepError.badInput("the \(what) path \(ShellQuoting.word(path)) holds \(problem), which a job script cannot carry; choose another path")
            }
        }
        do { try fm.createDirectory(atPath: scripts.slurmFolder, withIntermediateDirectories: true) } catch {
            throw SweepError.badInput("cannot create \(scripts.slurmFolder): \(error.localizedDescription)")
        }
        if resume {
            let missing = SweepRunner.pendingShards(plan: plan, folder: folder, slice: nil)
            scripts.indices = Array(Set(missing.map { $0.index % record.tasks })).sorted()
            if scripts.indices.isEmpty {
                try resumeReduceOnly(scripts, folder: folder)
                return
            }
            CommandSupport.print("\(missing.count) of \(plan.shards.count) shards are missing or corrupt, in \(scripts.indices.count) of \(record.tasks) tasks: \(scripts.arraySpec)")
        }
        try AtomicFile.write(text: scripts.arrayScript, to: scripts.arrayPath)
        try AtomicFile.write(text: scripts.reduceScript, to: scripts.reducePath)
        try record.write(to: folder)
        CommandSupport.print("wrote \(scripts.arrayPath) (--array=\(scripts.arraySpec): \(scripts.indices.count) of \(record.tasks) tasks for \(plan.shards.count) shards) and \(scripts.reducePath)")
        guard submit else {
            CommandSupport.print("submit with: \(scripts.submitBoth)")
            return
        }
        let arrayJob = try sbatch([scripts.arrayPath])
        let reduceJob = try sbatch(["--dependency=afterok:\(arrayJob)", scripts.reducePath])
        CommandSupport.print("submitted array job \(arrayJob) and reduce job \(reduceJob)")
    }

    /// The job settings: the options given, else (with --resume) the recorded ones, else defaults.
    private func settings(
        plan: SweepPlan, folder: ResultsFolder, recorded: SlurmRecord?, absolute: (String) -> String
    ) throws -> SlurmRecord {
        let shardCount = plan.shards.count
        if resume {
            if let recorded, let tasks, tasks != recorded.tasks {
                throw SweepError.badInput("--tasks \(tasks) differs from the \(recorded.tasks) tasks recorded in \(SlurmRecord.path(in: folder)); leave --tasks out to resume with the recorded split")
            }
            if let recorded, recorded.shardCount != shardCount || recorded.manifestSHA256 != plan.settings.digest {
                throw SweepError.badInput("\(SlurmRecord.path(in: folder)) records another split (\(recorded.shardCount) shards, manifest \(recorded.manifestSHA256.prefix(12))…) than this manifest's (\(shardCount) shards, \(plan.settings.digest.prefix(12))…); run `ticketsweep slurm` with --tasks instead of --resume")
            }
            if recorded == nil && tasks == nil {
                throw SweepError.badInput("\(SlurmRecord.path(in: folder)) not found, so the task split is unknown: pass --tasks N with the N of the first `slurm` (or `run --shard I/N`) calls")
            }
        }
        let exe = binary.map(absolute) ?? recorded?.binary
            ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? absolute(CommandLine.arguments[0])
        return SlurmRecord(
            tasks: recorded?.tasks ?? min(tasks ?? 1, shardCount), shardCount: shardCount, manifestSHA256: plan.settings.digest,
            cpusPerTask: cpusPerTask ?? recorded?.cpusPerTask ?? 1, partition: partition ?? recorded?.partition,
            time: time ?? recorded?.time, binary: exe)
    }

    /// `--resume` with every shard complete: the reduce alone when the tables are not all there.
    private func resumeReduceOnly(_ scripts: SlurmScripts, folder: ResultsFolder) throws {
        let fm = FileManager.default
        let tables = [folder.summaryPath, folder.pointsPath, folder.runPath]
        guard tables.contains(where: { !fm.fileExists(atPath: $0) }) else {
            CommandSupport.print("every shard of \(folder.path) is complete and the tables are written: nothing to submit")
            return
        }
        try AtomicFile.write(text: scripts.reduceScript, to: scripts.reducePath)
        CommandSupport.print("every shard is complete but the tables are not written: wrote \(scripts.reducePath)")
        guard submit else {
            CommandSupport.print("submit with: \(scripts.submitReduce)")
            return
        }
        CommandSupport.print("submitted reduce job \(try sbatch([scripts.reducePath]))")
    }

    /// Runs `sbatch --parsable ARGS` and returns the job id.
    private func sbatch(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch", "--parsable"] + arguments
        let pipe = Pipe()
        let errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        do { try process.run() } catch {
            throw SweepError.runtime("cannot run sbatch: \(error.localizedDescription); is Slurm installed here?")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let id = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard process.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SweepError.runtime("sbatch \(ShellQuoting.command(arguments)) failed (exit \(process.terminationStatus)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return id
    }
}
