import Foundation
import XCTest

/// The cases of Fixtures/elementary-reference.txt (written by
/// scripts/make-elementary-reference.py with mpmath): inputs and the correctly rounded result
/// `hi` with its remainder `lo`, all as bit patterns.
struct ReferenceCase {
    let function: String
    let arguments: [Double]
    let hi: Double
    let lo: Double

    /// `(value - (hi + lo)) / ulp(hi)`, the error in ulps of the correctly rounded result (for an
    /// infinite `hi`, 0 if `value` is the same infinity and `.infinity` otherwise).
    func ulpError(_ value: Double) -> Double {
        if hi.isInfinite || value.isInfinite || value.isNaN { return value == hi ? 0 : .infinity }
        if hi == 0 { return value == 0 ? lo.magnitude / Double.leastNonzeroMagnitude : .infinity }
        return (((value - hi) - lo) / hi.ulp).magnitude
    }

    static let all: [ReferenceCase] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/elementary-reference.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let fields = line.split(separator: " ")
            let numbers = fields.dropFirst().compactMap { UInt64($0, radix: 16).map(Double.init(bitPattern:)) }
            guard numbers.count == fields.count - 1, numbers.count >= 3 else { return nil }
            return ReferenceCase(
                function: String(fields[0]), arguments: Array(numbers.dropLast(2)),
                hi: numbers[numbers.count - 2], lo: numbers[numbers.count - 1])
        }
    }()

    static func cases(_ function: String) -> [ReferenceCase] { all.filter { $0.function == function } }
}
