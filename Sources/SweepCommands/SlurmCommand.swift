import ArgumentParser
import Foundation
import SweepCore
import SweepPlanner
import SweepResults

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and submit) a Slurm job array for a sweep and a reduce job after it.",
        discussion: """
            Writes DIR/slurm/array.sbatch, whose task I runs `ticketsweep run M --out DIR --shard I/N`, \
            and DIR/slurm/reduce.sbatch, which runs `ticketsweep reduce DIR`. With --submit both are \
            submitted, the reduce with --dependency=afterok on the array, so it runs only when every \
            task succeeded. To rerun only failed tasks, submit the array script again with their \
            indices, then the reduce again:
              jobid=$(sbatch --parsable --array=3,7 DIR/slurm/array.sbatch)
              sbatch --dependency=afterok:$jobid DIR/slurm/reduce.sbatch

            Example:
              ticketsweep slurm sweeps/bench.yaml --out /shared/bench --tasks 16 --partition short --submit
            """)

    @Argument(help: "The manifest (YAML, or JSON when it ends in .json).")
    var manifest: String

    @Option(help: "The results folder, on a file system every node sees (default: results/<manifest name>).")
    var out: String?

    @Option(help: "Number of array tasks.")
    var tasks: Int

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "Time limit per task, in Slurm's format (for example 02:00:00).")
    var time: String?

    @Option(help: "CPUs per task; the task runs one worker per CPU.")
    var cpusPerTask: Int = 1

    @Option(help: "The ticketsweep binary the jobs run (default: this one).")
    var binary: String?

    @Flag(help: "Submit the jobs with sbatch.")
    var submit = false

    @Flag(help: "Discard the partials of another manifest in the results folder.")
    var force = false

    func validate() throws {
        guard tasks >= 1 && tasks <= 1_000_000 else { throw ValidationError("--tasks must be between 1 and 1000000, got \(tasks)") }
        guard cpusPerTask >= 1 && cpusPerTask <= 4096 else { throw ValidationError("--cpus-per-task must be between 1 and 4096") }
        for (name, value) in [("--partition", partition), ("--time", time)] {
            if let value, value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\"" }) {
                throw ValidationError("\(name) must be one word, got '\(value)'")
            }
        }
    }

    func run() throws {
        let plan = try CommandSupport.plan(manifest)
        let folder = CommandSupport.folder(out, manifest: plan.manifest)
        try folder.prepare(for: plan.manifest, force: force)
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : cwd + "/" + p }
        let dir = absolute(folder.path)
        let manifestPath = absolute(manifest)
        let exe = binary.map(absolute) ?? (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? absolute(CommandLine.arguments[0])
        let slurmDir = dir + "/slurm"
        do { try fm.createDirectory(atPath: slurmDir, withIntermediateDirectories: true) } catch {
            throw SweepError.badInput("cannot create \(slurmDir): \(error.localizedDescription)")
        }
        let tasksUsed = min(tasks, plan.shards.count)
        var header = "#!/bin/bash\n#SBATCH --job-name=ts-\(plan.manifest.name)\n"
        if let partition { header += "#SBATCH --partition=\(partition)\n" }
        if let time { header += "#SBATCH --time=\(time)\n" }
        let array = header + """
            #SBATCH --array=0-\(tasksUsed - 1)
            #SBATCH --cpus-per-task=\(cpusPerTask)
            #SBATCH --output=\(slurmDir)/task-%A_%a.out
            # Task I of \(tasksUsed) of sweep '\(plan.manifest.name)' (manifest sha256 \(plan.manifest.digest)).
            set -euo pipefail
            exec \(shellQuote(exe)) run \(shellQuote(manifestPath)) --out \(shellQuote(dir)) --shard "$SLURM_ARRAY_TASK_ID/\(tasksUsed)" --workers "${SLURM_CPUS_PER_TASK:-\(cpusPerTask)}"

            """
        let reduce = header.replacingOccurrences(of: "--job-name=ts-\(plan.manifest.name)", with: "--job-name=ts-\(plan.manifest.name)-reduce") + """
            #SBATCH --output=\(slurmDir)/reduce-%j.out
            set -euo pipefail
            exec \(shellQuote(exe)) reduce \(shellQuote(dir))

            """
        try AtomicFile.write(text: array, to: slurmDir + "/array.sbatch")
        try AtomicFile.write(text: reduce, to: slurmDir + "/reduce.sbatch")
        CommandSupport.print("wrote \(slurmDir)/array.sbatch (\(tasksUsed) tasks for \(plan.shards.count) shards) and \(slurmDir)/reduce.sbatch")
        guard submit else {
            CommandSupport.print("submit with: jobid=$(sbatch --parsable \(slurmDir)/array.sbatch) && sbatch --dependency=afterok:$jobid \(slurmDir)/reduce.sbatch")
            return
        }
        let arrayJob = try sbatch([slurmDir + "/array.sbatch"])
        let reduceJob = try sbatch(["--dependency=afterok:\(arrayJob)", slurmDir + "/reduce.sbatch"])
        CommandSupport.print("submitted array job \(arrayJob) and reduce job \(reduceJob)")
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
            throw SweepError.runtime("sbatch \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return id
    }

    private func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
