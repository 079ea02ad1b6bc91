import ArgumentParser
import Foundation
import SweepCore
import SweepPlanner
import SweepResults

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a results folder: its manifest, shards done and missing, time spent.",
        discussion: """
            Example:
              ticketsweep inspect results/quickstart
            """)

    @Argument(help: "The results folder.")
    var folder: String

    func run() throws {
        let (plan, results) = try CommandSupport.plan(ofFolder: folder)
        var done = 0
        var seconds = 0.0
        var newest = 0.0
        var problems: [Reducer.ShardProblem] = []
        for shard in plan.shards {
            do {
                let p = try PartialFile.read(path: results.partialPath(shard), expectedDigest: plan.manifest.digest)
                done += 1
                seconds += p.seconds
                newest = max(newest, p.started + p.seconds)
            } catch {
                problems.append(Reducer.ShardProblem(shard: shard, problem: error))
            }
        }
        let fm = FileManager.default
        let summaryDate = (try? fm.attributesOfItem(atPath: results.summaryPath)[.modificationDate] as? Date)?.timeIntervalSince1970
        let reduceState: String
        if let summaryDate {
            reduceState = problems.isEmpty && summaryDate >= newest ? "current" : "stale (partials changed since; run `ticketsweep reduce \(folder)`)"
        } else {
            reduceState = "not reduced yet"
        }
        CommandSupport.print("""
            folder: \(results.path)
            manifest: \(plan.manifest.name) (sha256 \(plan.manifest.digest.prefix(16))…)
            points: \(plan.points.count), replications: \(plan.manifest.replications), slots: \(plan.manifest.slots)
            shards: \(done) of \(plan.shards.count) complete
            compute time: \(String(format: "%.1f", seconds)) s
            tables: \(reduceState)
            """)
        if !problems.isEmpty {
            CommandSupport.print(Reducer.describe(problems, folder: results, plan: plan))
        }
        CommandSupport.print("--- manifest.yaml ---\n" + plan.manifest.canonicalYAML)
    }
}
