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
        let fm = FileManager.default
        func modified(_ path: String) -> Double? {
            (try? fm.attributesOfItem(atPath: path)[.modificationDate] as? Date)?.timeIntervalSince1970
        }
        for shard in plan.shards {
            do {
                let path = results.partialPath(shard)
                let p = try PartialFile.read(path: path, expectedDigest: plan.settings.digest)
                done += 1
                seconds += p.seconds
                // When it was computed, or copied in, whichever is later.
                newest = max(newest, p.started + p.seconds, modified(path) ?? 0)
            } catch {
                problems.append(Reducer.ShardProblem(shard: shard, problem: error))
            }
        }
        let reduceState: String
        if let summaryDate = modified(results.summaryPath) {
            if !problems.isEmpty {
                reduceState = "stale (shards are missing or corrupt, below)"
            } else if summaryDate < newest {
                reduceState = "stale (partials changed since the tables were written; run `ticketsweep reduce \(folder)`)"
            } else {
                reduceState = "current"
            }
        } else {
            reduceState = problems.isEmpty ? "not reduced yet (run `ticketsweep reduce \(folder)`)" : "not reduced yet"
        }
        CommandSupport.print("""
            folder: \(results.path)
            manifest: \(plan.settings.name) (sha256 \(plan.settings.digest.prefix(16))…)
            points: \(plan.points.count), replications: \(plan.settings.replications), slots: \(plan.settings.slots)
            shards: \(done) of \(plan.shards.count) complete
            compute time: \(String(format: "%.1f", seconds)) s
            tables: \(reduceState)
            """)
        if !problems.isEmpty {
            CommandSupport.print(Reducer.describe(problems, folder: results, plan: plan))
        }
        if plan.settings.precision != nil { CommandSupport.print(precisionState(plan: plan, folder: results)) }
        CommandSupport.print("--- manifest.yaml ---\n" + plan.settings.manifestText)
    }
}

extension InspectCommand {
    /// The rounds of a precision target as far as the partials go (the shards counted above are
    /// the first round's).
    func precisionState(plan: SweepPlan, folder: ResultsFolder) -> String {
        do {
            let s = try PrecisionRounds.replay(plan: plan, folder: folder)
            let unmet = s.blocks.indices.filter { !s.met($0) }.count
            return "precision: \(s.round - 1) rounds complete, \(s.allShards(plan.shards).count) shards, worst SE of \(s.target.metric) "
                + "\(NumberFormat.text(s.worstStandardError)) (target \(NumberFormat.text(s.target.standardError)))"
                + (unmet == 0 ? ", met at every point" : ", \(unmet) points at max_replications without meeting it")
        } catch {
            return "precision: \(error)"
        }
    }
}
