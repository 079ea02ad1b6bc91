import Foundation
import SweepCore
import SweepResults

/// `DIR/slurm/slurm.json`: how `ticketsweep slurm` split a sweep into array tasks, so that
/// `slurm --resume` resubmits exactly the tasks (same numbering, same shards) whose shards are
/// missing or corrupt, with the same job settings unless new ones are given.
struct SlurmRecord: Codable, Equatable {
    /// `N` of `run --shard I/N`: task `I` runs the shards whose index is `I` mod `N`.
    var tasks: Int
    /// The plan's shard count when the array was written (a check that the split still holds).
    var shardCount: Int
    var manifestSHA256: String
    var cpusPerTask: Int
    var partition: String?
    var time: String?
    var binary: String

    enum CodingKeys: String, CodingKey {
        case tasks, binary, partition, time
        case shardCount = "shard_count"
        case manifestSHA256 = "manifest_sha256"
        case cpusPerTask = "cpus_per_task"
    }

    static func path(in folder: ResultsFolder) -> String { folder.path + "/slurm/slurm.json" }

    /// The record in `folder`, or `nil` when there is none; an unreadable one is an error.
    static func read(from folder: ResultsFolder) throws(SweepError) -> SlurmRecord? {
        let path = path(in: folder)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do { return try JSONDecoder().decode(SlurmRecord.self, from: data) } catch {
            throw .badInput("\(path) is not a valid record of `ticketsweep slurm` (\(error)); run `ticketsweep slurm ... --tasks N` again with the first call's N")
        }
    }

    func write(to folder: ResultsFolder) throws(SweepError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw .runtime("cannot encode slurm.json: \(error)") }
        try AtomicFile.write([UInt8](data) + [10], to: SlurmRecord.path(in: folder))
    }
}
