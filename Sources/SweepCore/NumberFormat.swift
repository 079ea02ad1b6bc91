/// Deterministic text for numbers in tables: the shortest text that reads back to the same
/// `Double` (Swift's `description`), integers without a fraction, and `nan`, `inf`, `-inf` for the
/// non-finite values. Byte-identical tables depend on this being the only formatter.
public enum NumberFormat {
    public static func text(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    /// A CSV cell: quoted (RFC 4180) when it holds a comma, a quote or a line break.
    public static func csvCell(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

#if canImport(Foundation)
import Foundation
#endif
