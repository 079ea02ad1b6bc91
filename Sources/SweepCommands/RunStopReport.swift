import Foundation
import SweepEngine
import SweepPlanner

/// What `run` says when SIGTERM or SIGINT stopped it: how many shards are complete, that the
/// ones in flight were abandoned, and the command that resumes.
struct RunStopReport {
    var signal: Int32
    /// The job-array task, for `run --shard I/N`.
    var slice: TaskSlice?
    /// Shards this run computed and wrote before the stop.
    var computed: Int
    /// Shards that were complete before this run started.
    var alreadyComplete: Int
    /// Shards of this run (of the task, with `--shard`).
    var total: Int
    var seconds: Double
    var resumeCommand: String
    /// For a job-array task: the command that resubmits every unfinished task of the array.
    var slurmResumeCommand: String?

    /// The progress printer's closing line.
    var summary: String {
        String(
            format: "stopped by %@ after computing %d shards in %.1f s (%d already complete)",
            SignalStop.name(signal), computed, seconds, alreadyComplete)
    }

    /// The message of the stop (printed on standard error, also with `--quiet`).
    var message: String {
        let done = computed + alreadyComplete
        let whose = slice.map { "task \($0): " } ?? ""
        var lines = [
            "\(whose)stopped by \(SignalStop.name(signal)): \(done) of \(total) shards complete "
                + "(\(computed) computed by this run, \(alreadyComplete) before); the shards in flight were abandoned "
                + (slice == nil ? "and no tables were written" : "(no partial of them was written)"),
            "resume with: \(resumeCommand)",
        ]
        if let slurmResumeCommand {
            lines.append("or, for a Slurm job array, once the array has ended: \(slurmResumeCommand)")
        }
        return lines.joined(separator: "\n")
    }
}
