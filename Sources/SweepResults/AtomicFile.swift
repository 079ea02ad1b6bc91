import Foundation
import SweepCore
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Crash-safe file replacement (write to a temporary name, `fsync`, `rename`, `fsync` the folder).
public enum AtomicFile {
    /// Writes `bytes` to a temporary name and renames it over `path`. `durable` (the default)
    /// first syncs the file and afterwards its folder, so that it survives a crash of the
    /// machine; without it (the partials, which carry their own checksum) the file is written
    /// and renamed only, and the caller syncs many at once with `syncFileSystem`: a process
    /// killed at any moment still leaves either the old file or the complete new one, and a
    /// machine that fails before the sync leaves at worst a file that fails its checksum.
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(SweepError) {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw .runtime("cannot create \(tmp): \(String(cString: strerror(errno))); check that the folder exists and is writable")
        }
        var failure = writeAll(bytes, to: fd)
        if durable && failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil && rename(tmp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(tmp)
            throw .runtime("cannot write \(path): \(failure) (nothing was left behind; free space or fix permissions and rerun with --resume)")
        }
        guard durable else { return }
        let folder = (path as NSString).deletingLastPathComponent
        let dfd = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Commits to disk everything written to the file system that holds `folder` (one
    /// `syncfs`, where per-file `fsync`s cost a journal commit each: about 10 ms a partial on
    /// the project's machines). Failures are ignored: the files are complete either way, only
    /// their survival of a machine crash is at stake.
    public static func syncFileSystem(containing folder: String) {
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY)
        guard fd >= 0 else { return }
        #if os(Linux)
        _ = systemSyncFS(fd)
        #else
        _ = fsync(fd)
        sync()
        #endif
        close(fd)
    }

    /// Writes text atomically.
    public static func write(text: String, to path: String) throws(SweepError) {
        try write(Array(text.utf8), to: path)
    }

    /// Removes this process's temporary files (`*.tmp-<pid>`) in `folder`: what writes cut
    /// short by an immediate exit leave. Other processes' files (job-array tasks sharing the
    /// folder) are left alone.
    public static func removeTemporaryFiles(in folder: String) {
        let suffix = ".tmp-\(getpid())"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasSuffix(suffix) { unlink(folder + "/" + name) }
    }
}

/// Where `PointTables` appends its rows: a streamed file, or a buffer in memory.
public protocol ByteSink: AnyObject {
    func append(bytes: [UInt8])
}

/// Bytes in memory (one point's rows, made on a worker thread and appended to the file later).
/// Unchecked `Sendable`: a buffer is filled by one thread and then handed over, never shared.
public final class ByteBuffer: ByteSink, @unchecked Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func append(bytes: [UInt8]) { self.bytes += bytes }
}

/// A text file written as a stream and published atomically: lines go to a temporary file
/// through a 64 KiB buffer, and `commit` flushes, syncs and renames it over `path`. Memory stays
/// flat however long the file grows. Until `commit`, nothing at `path` changes; an abandoned
/// writer removes its temporary file.
///
/// A final class because it owns a file descriptor (closed in `commit` or `deinit`).
public final class StreamingTextFile: ByteSink {
    public let path: String
    private let tmp: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var failure: String?
    private static let flushSize = 1 << 16

    public init(path: String) throws(SweepError) {
        self.path = path
        tmp = path + ".tmp-\(getpid())"
        fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw .runtime("cannot create \(tmp): \(String(cString: strerror(errno))); check that the folder exists and is writable")
        }
        buffer.reserveCapacity(StreamingTextFile.flushSize + 4096)
    }

    /// Appends `text` (lines must carry their own newlines).
    public func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= StreamingTextFile.flushSize { flush() }
    }

    /// Appends raw bytes (UTF-8 text; lines must carry their own newlines).
    public func append(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= StreamingTextFile.flushSize { flush() }
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        failure = writeAll(buffer, to: fd)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place.
    public func commit() throws(SweepError) {
        flush()
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        fd = -1
        if failure == nil && rename(tmp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(tmp)
            throw .runtime("cannot write \(path): \(failure) (nothing was left behind; free space or fix permissions and reduce again)")
        }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(tmp)
        }
    }
}

#if os(Linux)
/// glibc's `syncfs(2)`, which its headers declare only under `_GNU_SOURCE` (so the Glibc module
/// does not export it).
@_silgen_name("syncfs")
private func systemSyncFS(_ fd: Int32) -> Int32
#endif

/// Writes all of `bytes` to the open descriptor `fd` (swift-system's `writeAll`, which retries
/// short writes and `EINTR`); returns the system's message on failure, `nil` on success.
private func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
    do {
        _ = try FileDescriptor(rawValue: fd).writeAll(bytes)
        return nil
    } catch {
        return "\(error)"
    }
}
