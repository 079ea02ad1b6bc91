/// ``NumberFormat`` writing into a byte buffer, for tables built row by row: the bytes are those
/// of ``NumberFormat/text(_:)`` in UTF-8, without building a `String` per cell.
///
/// Integers (and integral doubles below 10^15) are written digit by digit with no allocation;
/// other finite doubles go through Swift's shortest round-trip `description`, which allocates
/// only when the text is longer than 15 bytes (the small-string limit).
extension NumberFormat {
    /// Appends the decimal digits of `n` (with a leading `-` when negative). O(digits).
    public static func append(_ n: Int64, to bytes: inout [UInt8]) {
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(n.magnitude, to: &bytes)
        } else {
            append(UInt64(n), to: &bytes)
        }
    }

    /// Appends the decimal digits of `n`. O(digits).
    public static func append(_ n: UInt64, to bytes: inout [UInt8]) {
        if n < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(n))
            return
        }
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // 32 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            var v = n
            while v > 0 {
                raw[31 - count] = UInt8(ascii: "0") &+ UInt8(v % 10)
                v /= 10
                count += 1
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(32 - count)...]))
        }
    }

    /// Appends `text(x)`'s bytes.
    public static func append(_ x: Double, to bytes: inout [UInt8]) {
        if x.isNaN {
            bytes.append(contentsOf: "nan".utf8)
        } else if x.isInfinite {
            bytes.append(contentsOf: (x > 0 ? "inf" : "-inf").utf8)
        } else if x == x.rounded(), abs(x) < 1e15 {
            append(Int64(x), to: &bytes)
        } else {
            bytes.append(contentsOf: x.description.utf8)
        }
    }
}
