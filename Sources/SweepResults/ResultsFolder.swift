import Foundation
import SweepCore
import SweepPlanner

/// The layout of a results folder (SPEC.md "Results folder").
public struct ResultsFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var shardsPath: String { path + "/shards" }
    public var manifestPath: String { path + "/manifest.yaml" }
    public var runPath: String { path + "/run.json" }
    public var pointsPath: String { path + "/points.csv" }
    public var summaryPath: String { path + "/summary.csv" }
    public var histogramsPath: String { path + "/histograms.csv" }
    public var correlationsPath: String { path + "/correlations.csv" }
    public var differencesPath: String { path + "/differences.csv" }
    public var sensitivityPath: String { path + "/sensitivity.csv" }
    public var benchmarksPath: String { path + "/benchmarks.csv" }
    /// The digest of the manifest whose partials this folder holds.
    public var digestPath: String { shardsPath + "/MANIFEST_SHA256" }

    public func partialPath(_ shard: ShardSpec) -> String { shardsPath + "/" + shard.fileName }

    /// Prepares the folder for a sweep: creates it, refuses a folder of another manifest
    /// unless `force` (then its old partials are removed), and records the manifest
    /// (`manifest.yaml`, the settings' text as it is, and its digest).
    public func prepare(for settings: SweepSettings, force: Bool) throws(SweepError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .badInput("\(path) exists and is not a folder; choose another --out")
        }
        do {
            try fm.createDirectory(atPath: shardsPath, withIntermediateDirectories: true)
        } catch {
            throw .badInput("cannot create results folder \(path): \(error.localizedDescription)")
        }
        if let existing = recordedDigest(), existing != settings.digest {
            guard force else {
                throw .badInput(
                    "\(path) holds results of another manifest (digest \(existing.prefix(12))…, this one \(settings.digest.prefix(12))…); "
                        + "choose another --out, or pass --force to discard them")
            }
            if let files = try? fm.contentsOfDirectory(atPath: shardsPath) {
                for f in files where f.hasSuffix(".part") { try? fm.removeItem(atPath: shardsPath + "/" + f) }
            }
            for table in [summaryPath, pointsPath, histogramsPath, correlationsPath, runPath, differencesPath, sensitivityPath] { try? fm.removeItem(atPath: table) }
        }
        try AtomicFile.write(text: settings.digest + "\n", to: digestPath)
        try AtomicFile.write(text: settings.manifestText, to: manifestPath)
    }

    /// The manifest digest recorded in the folder, if any.
    public func recordedDigest() -> String? {
        guard let data = FileManager.default.contents(atPath: digestPath),
              let text = String(data: data, encoding: .utf8) else { return nil }
        let digest = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return digest.isEmpty ? nil : digest
    }

    /// Whether a valid partial of `shard` exists (the checksum and the digest are verified).
    public func hasValidPartial(_ shard: ShardSpec, digest: String) -> Bool {
        guard let p = try? PartialFile.read(path: partialPath(shard), expectedDigest: digest) else { return false }
        return p.shard == shard
    }
}
