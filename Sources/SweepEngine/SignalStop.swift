import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGTERM (what Slurm sends at a time limit or on `scancel`) and SIGINT (Ctrl-C) into a
/// `StopRequest` for as long as it is installed, so that a run can stop between batches, say
/// what is done and exit with `128 + signal` instead of dying with a shard half-computed.
///
/// While installed, the signals' default action is ignored (`SIG_IGN`) and a dispatch signal
/// source per signal, on a private serial queue (an overcommitting queue, so the handler runs
/// even while every core is busy in the workers), records the first one. A second signal while
/// the run is stopping ends the process at once with `128 + signal`, after `beforeExit` (which
/// removes the temporary files of partials being written; a partial is renamed into place only
/// when complete, so none that looks complete is left either way). `uninstall` (or `deinit`)
/// restores the actions the signals had before.
///
/// A final class because it owns the signal sources; `@unchecked Sendable` is not needed: it is
/// used from the thread that installed it.
public final class SignalStop {
    /// The signals a run stops on.
    public static let signals: [Int32] = [SIGTERM, SIGINT]

    public let request = StopRequest()
    private var sources: [DispatchSourceSignal] = []
    private var previous: [(number: Int32, action: __sighandler_t?)] = []
    private let queue = DispatchQueue(label: "ticketsweep.signal-stop")

    /// Installs the handlers. `beforeExit` runs on a second signal, just before the process ends
    /// (on the signal queue, not in a signal handler: any code may run there).
    public init(beforeExit: @escaping @Sendable () -> Void = {}) {
        for number in SignalStop.signals {
            previous.append((number, signal(number, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [request] in
                if request.isRequested {
                    let text = "second \(SignalStop.name(number)): stopping at once\n"
                    _ = text.withCString { write(2, $0, strlen($0)) }
                    beforeExit()
                    _exit(128 + number)
                }
                request.request(signal: number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Cancels the sources and restores the actions the signals had before; idempotent.
    public func uninstall() {
        guard !sources.isEmpty else { return }
        for source in sources { source.cancel() }
        sources.removeAll()
        for (number, action) in previous { signal(number, action) }
        previous.removeAll()
    }

    deinit { uninstall() }

    /// `SIGTERM`, `SIGINT`, or `signal N`.
    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        default: "signal \(number)"
        }
    }
}
