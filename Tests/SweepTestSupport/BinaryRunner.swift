import Foundation

/// Runs the built `ticketsweep` binary the way a user does, for end-to-end tests.
public struct BinaryRunner {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Wall-clock seconds from launch to exit (or to the timeout).
        public var seconds: Double = 0
        /// Whether the process ended by a signal (a trap, a crash, or the timeout's SIGTERM);
        /// `status` is then the signal's number.
        public var signaled = false
    }

    /// The folder holding the built products (`.build/debug` or `.build/release`).
    public static var productsDirectory: URL {
        Bundle.main.bundleURL
    }

    public static var binary: URL { productsDirectory.appendingPathComponent("ticketsweep") }

    /// The package's root folder (for manifests under `Tests/Manifests` and `sweeps/`).
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs the binary with `arguments`; fails the run after `timeout` seconds. `environment`
    /// is added to this process's environment.
    @discardableResult
    public static func run(
        _ arguments: [String], in directory: URL? = nil, timeout: Double = 300, environment: [String: String] = [:]
    ) throws -> Result {
        try run(executable: binary, arguments, in: directory, timeout: timeout, environment: environment)
    }

    /// Runs any program (`script`, to give the binary a terminal) as `run` runs the binary.
    @discardableResult
    public static func run(
        executable: URL, _ arguments: [String], in directory: URL? = nil, timeout: Double = 300,
        environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ts-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("ts-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        let deadline = started.addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return Result(status: -1, stdout: "", stderr: "timed out after \(timeout) s", seconds: Date().timeIntervalSince(started), signaled: true)
        }
        let seconds = Date().timeIntervalSince(started)
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
            seconds: seconds,
            signaled: process.terminationReason == .uncaughtSignal)
    }

    /// A fresh temporary folder.
    public static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ticketsweep-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in `folder` and returns its path.
    public static func write(_ text: String, named name: String, in folder: URL) -> String {
        let url = folder.appendingPathComponent(name)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
