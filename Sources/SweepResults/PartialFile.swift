import Foundation
import SweepCore
import SweepPlanner

/// One shard's partial file: a header, the shard's `ShardResult`, and a SHA-256 of everything
/// before it.
///
/// Layout (little-endian): magic `TSWPART\0`, format version (UInt32), manifest digest (string),
/// shard index, point, first replication, replication count (UInt64 each), start time (seconds
/// since 1970, Double), elapsed seconds (Double), host (string), the `ShardResult`, then 32 bytes
/// of SHA-256 over all preceding bytes. A file whose checksum, magic, version or digest does not
/// match is never taken for a complete shard.
///
/// Version 4 added the point's benchmark at the end of the `ShardResult`; version 5 writes the
/// quantile sketches in their sparse form (`QuantileSketch.encode(to:dense:)`: a partial of a
/// tiny point, a few hundred per-ticket values over thousands of buckets, shrinks from about
/// 17 KB to 2 KB). Versions 3 (no benchmark: the reducer computes it as it used to) and 4 are
/// still read, so a folder begun by an older build resumes and reduces to the same tables.
public struct PartialFile: Sendable {
    public static let magic: [UInt8] = Array("TSWPART".utf8) + [0]
    public static let formatVersion: UInt32 = 5
    /// The oldest format version `decode` reads.
    public static let oldestReadableVersion: UInt32 = 3

    public var manifestDigest: String
    public var shard: ShardSpec
    public var started: Double
    public var seconds: Double
    public var host: String
    public var result: ShardResult

    public init(manifestDigest: String, shard: ShardSpec, started: Double, seconds: Double, host: String, result: ShardResult) {
        self.manifestDigest = manifestDigest
        self.shard = shard
        self.started = started
        self.seconds = seconds
        self.host = host
        self.result = result
    }

    /// The file's bytes in format `version` (the current one unless an older layout is asked
    /// for, as the compatibility tests do).
    public func encoded(version: UInt32 = PartialFile.formatVersion) -> [UInt8] {
        precondition((PartialFile.oldestReadableVersion ... PartialFile.formatVersion).contains(version), "a partial format this build reads")
        var w = BinaryWriter()
        w.writeBytes(PartialFile.magic)
        w.writeUInt32(version)
        w.writeString(manifestDigest)
        w.writeUInt64(UInt64(shard.index))
        w.writeUInt64(UInt64(shard.point))
        w.writeUInt64(UInt64(shard.firstReplication))
        w.writeUInt64(UInt64(shard.count))
        w.writeDouble(started)
        w.writeDouble(seconds)
        w.writeString(host)
        result.encode(to: &w, version: version)
        var bytes = w.bytes
        bytes += SHA256.hash(bytes)
        return bytes
    }

    /// Why a partial could not be read.
    public enum Problem: Error, Sendable, CustomStringConvertible {
        case missing
        case truncated(Int)
        case checksum
        case format(String)
        case otherManifest(String)

        public var description: String {
            switch self {
            case .missing: "missing"
            case .truncated(let n): "truncated (\(n) bytes)"
            case .checksum: "checksum mismatch (corrupt)"
            case .format(let s): "unreadable: \(s)"
            case .otherManifest(let d): "belongs to another manifest (digest \(d.prefix(12))…)"
            }
        }
    }

    /// Decodes and verifies a partial's bytes.
    public static func decode(_ bytes: [UInt8], expectedDigest: String?) throws(Problem) -> PartialFile {
        guard bytes.count > magic.count + 4 + 32 else { throw .truncated(bytes.count) }
        let body = Array(bytes[0 ..< bytes.count - 32])
        guard SHA256.hash(body) == Array(bytes[(bytes.count - 32)...]) else {
            if Array(bytes.prefix(magic.count)) != magic { throw .format("not a ticketsweep partial") }
            throw .checksum
        }
        var r = BinaryReader(body)
        do {
            var m: [UInt8] = []
            for _ in 0..<magic.count { m.append(try r.readUInt8()) }
            guard m == magic else { throw Problem.format("not a ticketsweep partial") }
            let version = try r.readUInt32()
            guard (oldestReadableVersion...formatVersion).contains(version) else {
                throw Problem.format("format version \(version), expected \(oldestReadableVersion) to \(formatVersion)")
            }
            let digest = try r.readString()
            if let expected = expectedDigest, digest != expected { throw Problem.otherManifest(digest) }
            let index = try r.readUInt64(), point = try r.readUInt64(), first = try r.readUInt64(), count = try r.readUInt64()
            guard index < 1 << 40, point < 1 << 40, first < 1 << 40, count < 1 << 40 else { throw Problem.format("implausible shard header") }
            let started = try r.readDouble()
            let seconds = try r.readDouble()
            let host = try r.readString()
            let result = try ShardResult(from: &r, version: version)
            guard r.isAtEnd else { throw Problem.format("trailing bytes") }
            return PartialFile(
                manifestDigest: digest,
                shard: ShardSpec(index: Int(index), point: Int(point), firstReplication: Int(first), count: Int(count)),
                started: started, seconds: seconds, host: host, result: result)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw .format("\(error)")
        }
    }

    /// Reads and verifies the partial at `path`.
    public static func read(path: String, expectedDigest: String?) throws(Problem) -> PartialFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .missing }
        return try decode([UInt8](data), expectedDigest: expectedDigest)
    }

    /// Writes atomically: to a temporary name in the same folder, then renamed over `path`. On
    /// any failure the temporary file is removed, so no partial that looks complete is ever left
    /// behind. `durable` syncs the file and the folder first (`AtomicFile.write`); the runner
    /// leaves that out and syncs the file system once at the end of its run
    /// (`AtomicFile.syncFileSystem`), since a per-file `fsync` cost more than a tiny point's
    /// simulation. A partial that a machine crash cuts short fails its checksum and is
    /// recomputed by `--resume`.
    public func write(to path: String, durable: Bool = true) throws(SweepError) {
        try AtomicFile.write(encoded(), to: path, durable: durable)
    }
}
