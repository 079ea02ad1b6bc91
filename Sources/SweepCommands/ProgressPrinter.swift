import Foundation
import SweepEngine

#if canImport(Glibc)
import Glibc
#endif

/// Shows a run's progress on standard error: a bar redrawn in place on a terminal, else one JSON
/// line every `interval` seconds (for Slurm logs) and one when the last shard is done, and a final
/// summary line either way; nothing with `--quiet`.
///
/// `@unchecked Sendable`: workers report concurrently; every mutable field is behind `lock`.
final class ProgressPrinter: @unchecked Sendable {
    enum Mode { case terminal, lines, quiet }

    /// Seconds between JSON lines unless `TICKETSWEEP_PROGRESS_INTERVAL` says otherwise.
    static let defaultInterval = 5.0

    let mode: Mode
    let interval: Double
    private let lock = NSLock()
    private var lastPrint = -Double.infinity
    private var drawn = false
    private var computedShards = 0
    private var precision: (round: Int, worstSE: Double)?

    /// A precision run's current round and worst SE (`nan` before the first decision), shown on
    /// the progress line. Setting it starts the count of computed shards again.
    var precisionStatus: (round: Int, worstSE: Double)? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return precision
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            precision = newValue
            computedShards = 0
            lastPrint = -Double.infinity
        }
    }

    /// Shards computed so far (not counting those already complete).
    var computed: Int {
        lock.lock()
        defer { lock.unlock() }
        return computedShards
    }

    init(quiet: Bool, interval: Double = ProgressPrinter.configuredInterval()) {
        if quiet {
            mode = .quiet
        } else {
            mode = isatty(2) == 1 ? .terminal : .lines
        }
        self.interval = interval
    }

    /// `TICKETSWEEP_PROGRESS_INTERVAL` (seconds, `>= 0`; 0 prints a line per shard), else 5.
    static func configuredInterval(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Double {
        guard let text = environment["TICKETSWEEP_PROGRESS_INTERVAL"], let x = Double(text), x.isFinite, x >= 0 else {
            return defaultInterval
        }
        return x
    }

    func report(_ p: RunProgress) {
        lock.lock()
        defer { lock.unlock() }
        // Workers report outside the runner's lock, so a report can arrive after a later one.
        let computed = p.shardsDone - p.shardsSkipped
        guard computed > computedShards else { return }
        computedShards = computed
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
            // Carriage return, the bar, then "erase to the end of the line" for a shorter redraw.
            let round = precision.map { String(format: "round %d, worst SE %@  ", $0.round, $0.worstSE.isNaN ? "-" : String(format: "%.4g", $0.worstSE)) } ?? ""
            let line = String(format: "\r%@%@ %d/%d shards  %.0f paths/s  ETA %@\u{1B}[K", round, bar, p.shardsDone, p.shardsTotal, rate, ProgressPrinter.duration(eta))
            FileHandle.standardError.write(Data(line.utf8))
            drawn = true
        case .lines:
            guard p.elapsed - lastPrint >= interval || remaining == 0 else { return }
            lastPrint = p.elapsed
            let round = precision.map { ",\"round\":\($0.round),\"worst_se\":" + ($0.worstSE.isNaN ? "null" : String(format: "%.6g", $0.worstSE)) } ?? ""
            let line = String(format: "{\"done\":%d,\"total\":%d,\"rate\":%.1f,\"eta_s\":%.1f%@}\n", p.shardsDone, p.shardsTotal, rate, eta, round)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Ends the bar (if one was drawn) and prints the summary line.
    func finish(summary: String) {
        lock.lock()
        defer { lock.unlock() }
        switch mode {
        case .quiet: return
        case .terminal: FileHandle.standardError.write(Data(((drawn ? "\n" : "") + summary + "\n").utf8))
        case .lines: FileHandle.standardError.write(Data("\(summary)\n".utf8))
        }
        drawn = false
    }

    /// `42s`, `3m05s`, `2h07m`, `3d04h`; `>100y` beyond a century.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 3.2e9 else { return ">100y" }
        let s = Int(max(0, seconds).rounded())
        if s >= 86_400 { return String(format: "%dd%02dh", s / 86_400, (s % 86_400) / 3600) }
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
