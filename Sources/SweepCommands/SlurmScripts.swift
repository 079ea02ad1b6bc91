import SweepResults

/// The two job scripts of `ticketsweep slurm` (a job array and a reduce after it) and the
/// command that submits them, for one results folder.
///
/// Paths are absolute (the jobs run in another working directory) and may hold spaces or shell
/// characters: the `exec` lines quote them for bash; the `#SBATCH --output=` lines, which no
/// shell reads, quote them for sbatch's own parser. That parser (Slurm 22.05, checked with
/// scripts/test-slurm) splits a line at blanks outside quotes, even at a blank after `\`; inside
/// `"..."` everything but `\` and `"` is literal, `\"` is a quote, and `%` starts a file-name
/// pattern (`%%` is a `%`). A line break, or a backslash (which makes Slurm ignore the `%A`,
/// `%a`, `%j` patterns), cannot be carried: `unsupportedPath` names such a path so that the
/// command refuses it.
struct SlurmScripts {
    /// The manifest's name (letters, digits, `.`, `_`, `-`: safe in a job name).
    var name: String
    var digest: String
    var executable: String
    var manifest: String
    var folder: String
    /// `N`: task `I` runs the shards whose index is `I` mod `N` (`run --shard I/N`).
    var tasks: Int
    /// The tasks the array submits, ascending: all of `0..<tasks`, or the unfinished ones.
    var indices: [Int]
    var partition: String?
    var time: String?
    var cpusPerTask: Int

    var slurmFolder: String { folder + "/slurm" }
    var arrayPath: String { slurmFolder + "/array.sbatch" }
    var reducePath: String { slurmFolder + "/reduce.sbatch" }

    /// Slurm's `--array` value: `0-7`, or a list such as `3,7,9-11`.
    var arraySpec: String { IndexRanges.text(indices) }

    private func header(jobName: String) -> String {
        var text = "#!/bin/bash\n#SBATCH --job-name=\(jobName)\n"
        if let partition { text += "#SBATCH --partition=\(partition)\n" }
        if let time { text += "#SBATCH --time=\(time)\n" }
        return text
    }

    /// The job-array script: task `I` runs `ticketsweep run M --out DIR --shard I/N`.
    var arrayScript: String {
        header(jobName: "ts-\(name)") + """
            #SBATCH --array=\(arraySpec)
            #SBATCH --cpus-per-task=\(cpusPerTask)
            #SBATCH --output=\(SlurmScripts.sbatchOutput(literal: slurmFolder + "/task-", pattern: "%A_%a.out"))
            # Task I of \(tasks) of sweep '\(name)' (manifest sha256 \(digest)).
            set -euo pipefail
            exec \(ShellQuoting.word(executable)) run \(ShellQuoting.word(manifest)) --out \(ShellQuoting.word(folder)) \
            --shard "$SLURM_ARRAY_TASK_ID/\(tasks)" --workers "${SLURM_CPUS_PER_TASK:-\(cpusPerTask)}"

            """
    }

    /// The reduce script: `ticketsweep reduce DIR`.
    var reduceScript: String {
        header(jobName: "ts-\(name)-reduce") + """
            #SBATCH --output=\(SlurmScripts.sbatchOutput(literal: slurmFolder + "/reduce-", pattern: "%j.out"))
            set -euo pipefail
            exec \(ShellQuoting.word(executable)) reduce \(ShellQuoting.word(folder))

            """
    }

    /// The shell command that submits the array, then the reduce once every task succeeded.
    var submitBoth: String {
        "jobid=$(sbatch --parsable \(ShellQuoting.word(arrayPath))) && "
            + "sbatch --dependency=afterok:${jobid%%;*} \(ShellQuoting.word(reducePath))"
    }

    /// The shell command that submits only the reduce.
    var submitReduce: String { "sbatch \(ShellQuoting.word(reducePath))" }

    /// A `#SBATCH --output=` value: the file name `literal` (taken as it is) followed by the
    /// Slurm file-name `pattern` (`%A_%a.out`), in double quotes for sbatch's line parser, with
    /// `"` escaped as `\"` and `%` of `literal` doubled.
    static func sbatchOutput(literal: String, pattern: String) -> String {
        var out = "\""
        for c in literal {
            switch c {
            case "%": out += "%%"
            case "\"": out += "\\\""
            default: out.append(c)
            }
        }
        return out + pattern + "\""
    }

    /// Why `path` cannot appear in a job script, or `nil` when it can.
    static func unsupportedPath(_ path: String) -> String? {
        if path.contains(where: \.isNewline) { return "a line break" }
        if path.contains("\\") { return "a backslash (Slurm then ignores the %A/%a/%j patterns of the output file names)" }
        return nil
    }
}
