/// Why a statistics operation was refused: accumulators that cannot be merged, or arguments
/// outside a constructor's domain. Operations throw this instead of trapping.
public struct StatisticsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Two accumulators built with different parameters (edges, accuracy, dimension).
        public static let incompatibleMerge = Code("incompatible merge")
        /// An argument outside the documented domain.
        public static let invalidArgument = Code("invalid argument")
    }

    public var code: Code
    /// What was wrong and what to do.
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code): \(detail)" }
}
