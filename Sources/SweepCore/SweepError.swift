/// The one error type of ticketsweep outside the manifest: a code that decides the exit status,
/// and a message that says what was wrong, where, and what to do.
public struct SweepError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Code: Sendable, Equatable {
        /// Bad input: arguments, paths, a results folder of another manifest (exit 2).
        case badInput
        /// A runtime failure: I/O, a corrupt or missing partial at reduce time (exit 1).
        case runtime
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public static func badInput(_ message: String) -> SweepError { SweepError(.badInput, message) }
    public static func runtime(_ message: String) -> SweepError { SweepError(.runtime, message) }

    /// The process exit status for this error.
    public var exitCode: Int32 { code == .badInput ? 2 : 1 }

    public var description: String { message }
}
