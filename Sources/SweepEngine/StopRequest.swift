import Synchronization

/// A request to stop a run early, set once (by `SignalStop`, or by a test) and read by the
/// workers between shards and between batches of paths.
///
/// The first request wins: later ones do not change the recorded signal. Reading it is one
/// relaxed atomic load, cheap enough for once per batch.
public final class StopRequest: Sendable {
    private let recorded = Atomic<Int32>(0)

    public init() {}

    /// Asks the run to stop; `signal` is the signal that asked (SIGTERM, SIGINT), or any other
    /// positive number for a request not made by a signal.
    public func request(signal: Int32) {
        _ = recorded.compareExchange(expected: 0, desired: max(1, signal), ordering: .relaxed)
    }

    /// Whether a stop was requested.
    public var isRequested: Bool { recorded.load(ordering: .relaxed) != 0 }

    /// The signal that asked for the stop, or `nil` while none did.
    public var signal: Int32? {
        let s = recorded.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }
}
