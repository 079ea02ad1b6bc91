import Foundation
import SweepEngine

#if canImport(Glibc)
import Glibc
#endif

/// Shows a run's progress on standard error: a bar redrawn in place on a terminal, else one JSON
/// line every `interval` seconds (for Slurm logs), and a final summary line either way.
///
/// `@unchecked Sendable`: workers report concurrently; every mutable field is behind `lock`.
final class ProgressPrinter: @unchecked Sendable {
    enum Mode { case terminal, lines, quiet }

    let mode: Mode
    let interval: Double
    private let lock = NSLock()
    private var lastPrint = -Double.infinity
    private var last: RunProgress?

    init(quiet: Bool, interval: Double = 5) {
        if quiet {
            mode = .quiet
        } else {
            mode = isatty(2) == 1 ? .terminal : .lines
        }
        self.interval = interval
    }

    func report(_ p: RunProgress) {
        lock.lock()
        defer { lock.unlock() }
        last = p
        let computed = p.shardsDone - p.shardsSkipped
        let remaining = p.shardsTotal - p.shardsDone
        let rate = p.elapsed > 0 ? Double(p.pathsDone) / p.elapsed : 0
        let shardRate = p.elapsed > 0 ? Double(computed) / p.elapsed : 0
        let eta = shardRate > 0 ? Double(remaining) / shardRate : 0
        switch mode {
        case .quiet:
            return
        case .terminal:
            let width = 30
            let filled = p.shardsTotal > 0 ? width * p.shardsDone / p.shardsTotal : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = String(format: "\r%@ %d/%d shards  %.0f paths/s  ETA %@ ", bar, p.shardsDone, p.shardsTotal, rate, ProgressPrinter.duration(eta))
            FileHandle.standardError.write(Data(line.utf8))
        case .lines:
            guard p.elapsed - lastPrint >= interval || remaining == 0 else { return }
            lastPrint = p.elapsed
            let line = String(format: "{\"done\":%d,\"total\":%d,\"rate\":%.1f,\"eta_s\":%.1f}\n", p.shardsDone, p.shardsTotal, rate, eta)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Ends the bar and prints the summary line.
    func finish(summary: String) {
        lock.lock()
        defer { lock.unlock() }
        switch mode {
        case .quiet: return
        case .terminal: FileHandle.standardError.write(Data("\n\(summary)\n".utf8))
        case .lines: FileHandle.standardError.write(Data("\(summary)\n".utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
