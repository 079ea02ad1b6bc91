/// The one error type of ticketsweep outside the manifest: a code that decides the exit status,
/// and a message that says what was wrong, where, and what to do.
public struct SweepError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Code: Sendable, Equatable {
        /// Bad input: arguments, paths, a results folder of another manifest (exit 2).
        case badInput
        /// A runtime failure: I/O, a corrupt or missing partial at reduce time (exit 1).
        case runtime
        /// A run stopped cleanly by a signal (SIGTERM, SIGINT): exit `128 + signal`, as a shell
        /// reports a process killed by that signal (143, 130).
        case stopped(signal: Int32)
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public static func badInput(_ message: String) -> SweepError { SweepError(.badInput, message) }
    public static func runtime(_ message: String) -> SweepError { SweepError(.runtime, message) }
    public static func stopped(signal: Int32, _ message: String) -> SweepError { SweepError(.stopped(signal: signal), message) }

    /// The process exit status for this error.
    public var exitCode: Int32 {
        switch code {
        case .badInput: 2
        case .runtime: 1
        case .stopped(let signal): 128 + signal
        }
    }

    public var description: String { message }
}
