import Foundation
import SweepCore
import SweepManifest
import SweepPlanner
import SweepResults

/// Shared steps of the subcommands: loading a manifest, planning, printing.
enum CommandSupport {
    /// Loads and plans a manifest; every manifest problem becomes one `file:line:column` line.
    static func plan(_ path: String) throws -> SweepPlan {
        let manifest = try ManifestLoader.load(path: path)
        for warning in manifest.warnings { printError(warning) }
        return try SweepPlan(manifest)
    }

    /// The results folder for `--out`, or `results/<name>` when it is not given.
    static func folder(_ out: String?, settings: SweepSettings) -> ResultsFolder {
        ResultsFolder(path: out ?? "results/\(settings.name)")
    }

    /// Loads the manifest recorded in a results folder.
    static func plan(ofFolder path: String) throws -> (SweepPlan, ResultsFolder) {
        let folder = ResultsFolder(path: path)
        guard FileManager.default.fileExists(atPath: folder.manifestPath) else {
            throw SweepError.badInput("\(path) is not a ticketsweep results folder (no manifest.yaml); run `ticketsweep run MANIFEST --out \(path)` first")
        }
        return (try plan(folder.manifestPath), folder)
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A byte count for people.
    static func bytes(_ n: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var x = n
        var u = 0
        while x >= 1000 && u < units.count - 1 {
            x /= 1000
            u += 1
        }
        return u == 0 ? "\(Int(x)) B" : String(format: "%.1f %@", x, units[u])
    }
}
