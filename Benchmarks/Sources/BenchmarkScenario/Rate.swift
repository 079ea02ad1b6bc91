/// Items per second of a piece of work, for the suites' per-second metrics (package-benchmark's own
/// `throughput` counts whole iterations per second as an integer, too coarse for iterations that
/// take a large part of a second).
public enum Rate {
    /// Runs `body` once and returns `items` divided by its wall-clock time (monotonic clock),
    /// rounded to an integer.
    @inline(__always)
    public static func perSecond(_ items: Int, _ body: () -> Void) -> Int {
        let clock = ContinuousClock()
        let start = clock.now
        body()
        let elapsed = clock.now - start
        let (seconds, attoseconds) = elapsed.components
        let time = Double(seconds) + Double(attoseconds) * 1e-18
        return time > 0 ? Int((Double(items) / time).rounded()) : 0
    }
}
