/// A compact little-endian binary format for partial files and accumulators.
///
/// Every value is written in a fixed width, little-endian, with no padding and no alignment:
/// the bytes depend only on the values written and their order, never on the machine.
///
/// | value | bytes |
/// |---|---|
/// | `UInt8` | 1 |
/// | `UInt32` | 4, little-endian |
/// | `UInt64`, `Int64` | 8, little-endian (two's complement) |
/// | `Double` | 8: the IEEE 754 bit pattern as a `UInt64` (NaN payloads and `-0.0` survive) |
/// | `[Double]` | a `UInt64` element count, then each element as a `Double` |
/// | `[UInt64]` | a `UInt64` element count, then each element |
/// | `String` | a `UInt64` byte count, then the UTF-8 bytes |
/// | variable-length `UInt64` | 1 to 10 bytes: 7 bits each, least significant first, the high bit set on every byte but the last (the shortest such form; small counts take one byte) |
/// | raw bytes | the bytes unchanged, no count (magic numbers, checksums: the reader knows the length) |

/// Appends values to a byte buffer in the format above.
public struct BinaryWriter: Sendable {
    @usableFromInline var storage: [UInt8]

    /// The bytes written so far.
    public var bytes: [UInt8] { storage }

    /// Creates an empty writer, reserving `capacity` bytes up front.
    public init(capacity: Int = 0) {
        storage = []
        storage.reserveCapacity(Swift.max(0, capacity))
    }

    /// Appends one byte.
    @inlinable public mutating func writeUInt8(_ value: UInt8) {
        storage.append(value)
    }

    /// Appends 4 bytes, least significant first.
    @inlinable public mutating func writeUInt32(_ value: UInt32) {
        storage.append(UInt8(truncatingIfNeeded: value))
        storage.append(UInt8(truncatingIfNeeded: value &>> 8))
        storage.append(UInt8(truncatingIfNeeded: value &>> 16))
        storage.append(UInt8(truncatingIfNeeded: value &>> 24))
    }

    /// Appends 8 bytes, least significant first (one append of the little-endian word).
    @inlinable public mutating func writeUInt64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { storage.append(contentsOf: $0) }
    }

    /// Appends the two's-complement bit pattern of `value` as 8 bytes.
    @inlinable public mutating func writeInt64(_ value: Int64) {
        writeUInt64(UInt64(bitPattern: value))
    }

    /// Appends the IEEE 754 bit pattern of `value` (exact: NaN payloads and signed zeros survive).
    @inlinable public mutating func writeDouble(_ value: Double) {
        writeUInt64(value.bitPattern)
    }

    /// Appends a `UInt64` element count, then every element as a `Double`.
    @inlinable public mutating func writeDoubles(_ values: [Double]) {
        storage.reserveCapacity(storage.count + 8 + 8 * values.count)
        writeUInt64(UInt64(values.count))
        values.withUnsafeBufferPointer { appendWords(UnsafeRawBufferPointer($0)) }
    }

    /// Appends a `UInt64` byte count, then the UTF-8 bytes of `value`.
    public mutating func writeString(_ value: String) {
        let utf8 = Array(value.utf8)
        writeUInt64(UInt64(utf8.count))
        storage.append(contentsOf: utf8)
    }

    /// Appends a `UInt64` element count, then every element as a `UInt64`.
    @inlinable public mutating func writeUInt64s(_ values: some Collection<UInt64>) {
        storage.reserveCapacity(storage.count + 8 + 8 * values.count)
        writeUInt64(UInt64(values.count))
        let contiguous: Void? = values.withContiguousStorageIfAvailable { appendWords(UnsafeRawBufferPointer($0)) }
        if contiguous == nil { for v in values { writeUInt64(v) } }
    }

    /// Appends 8-byte words held in memory (`UInt64`s or `Double`s), each little-endian: on a
    /// little-endian machine their bytes as they are, in one copy (the partials' rows and sketch
    /// counts are thousands of words).
    @inlinable mutating func appendWords(_ words: UnsafeRawBufferPointer) {
        #if _endian(little)
        storage.append(contentsOf: words)
        #else
        for i in 0 ..< words.count / 8 { writeUInt64(words.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) }
        #endif
    }

    /// Appends `value` in the variable-length form (1 byte below 128, at most 10).
    @inlinable public mutating func writeVarUInt(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            storage.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v &>>= 7
        }
        storage.append(UInt8(truncatingIfNeeded: v))
    }

    /// Appends `value` unchanged, with no count (read back with ``BinaryReader/readBytes(count:)``).
    public mutating func writeBytes(_ value: [UInt8]) {
        storage.append(contentsOf: value)
    }
}

/// Why a ``BinaryReader`` could not decode its input, and at which byte offset.
public struct BinaryDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input ended before the value being read.
        public static let truncated = Code("truncated")
        /// A string's bytes are not valid UTF-8.
        public static let invalidUTF8 = Code("invalid UTF-8")
        /// A type tag or format version that this reader does not know.
        public static let unexpectedTag = Code("unexpected tag")
        /// A value that is well-formed bytes but impossible for the type being decoded.
        public static let invalidValue = Code("invalid value")
        /// Bytes left over after the last value.
        public static let trailingBytes = Code("trailing bytes")
    }

    public var code: Code
    /// The byte offset at which the failing value starts.
    public var offset: Int
    /// What was expected and found.
    public var detail: String

    public init(_ code: Code, offset: Int, detail: String) {
        self.code = code
        self.offset = offset
        self.detail = detail
    }

    public var description: String { "\(code) at byte \(offset): \(detail)" }
}

/// Reads values written by ``BinaryWriter``; every read checks the remaining length first and
/// throws ``BinaryDecodingError`` instead of trapping, whatever the input.
public struct BinaryReader: Sendable {
    public let bytes: [UInt8]
    @usableFromInline var position: Int

    /// The offset of the next byte to read.
    @inlinable public var offset: Int { position }

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.position = Swift.min(Swift.max(0, offset), bytes.count)
    }

    /// The number of bytes not read yet.
    @inlinable public var remaining: Int { bytes.count - offset }
    @inlinable public var isAtEnd: Bool { offset == bytes.count }

    @inlinable mutating func need(_ n: Int, _ what: StaticString) throws(BinaryDecodingError) {
        if n < 0 || n > remaining {
            throw BinaryDecodingError(
                .truncated, offset: offset,
                detail: "\(what) needs \(n) bytes, \(remaining) left of \(bytes.count)")
        }
    }

    @inlinable public mutating func readUInt8() throws(BinaryDecodingError) -> UInt8 {
        try need(1, "UInt8")
        defer { position += 1 }
        return bytes[position]
    }

    @inlinable public mutating func readUInt32() throws(BinaryDecodingError) -> UInt32 {
        try need(4, "UInt32")
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[position + i]) &<< (8 * UInt32(i)) }
        position += 4
        return v
    }

    @inlinable public mutating func readUInt64() throws(BinaryDecodingError) -> UInt64 {
        try need(8, "UInt64")
        defer { position += 8 }
        return word(at: position)
    }

    /// The little-endian word at byte `offset` (which the caller has checked is in range).
    @inlinable func word(at offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }

    /// `n` words from the current position (checked by `readLength`), converted by `make`.
    @inlinable mutating func readWords<T>(_ n: Int, _ make: (UInt64) -> T) -> [T] {
        let start = position
        position += 8 * n
        return bytes.withUnsafeBytes { raw in
            (0 ..< n).map { make(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * $0, as: UInt64.self))) }
        }
    }

    @inlinable public mutating func readInt64() throws(BinaryDecodingError) -> Int64 {
        Int64(bitPattern: try readUInt64())
    }

    @inlinable public mutating func readDouble() throws(BinaryDecodingError) -> Double {
        Double(bitPattern: try readUInt64())
    }

    /// Reads a count-prefixed `[Double]`; the count is checked against the remaining bytes before
    /// anything is allocated.
    public mutating func readDoubles() throws(BinaryDecodingError) -> [Double] {
        let n = try readLength(elementSize: 8, "[Double]")
        return readWords(n, Double.init(bitPattern:))
    }

    /// Reads a count-prefixed `[UInt64]`, checking the count before allocating.
    public mutating func readUInt64s() throws(BinaryDecodingError) -> [UInt64] {
        let n = try readLength(elementSize: 8, "[UInt64]")
        return readWords(n) { $0 }
    }

    /// Reads a length-prefixed UTF-8 string; invalid UTF-8 throws `.invalidUTF8`.
    public mutating func readString() throws(BinaryDecodingError) -> String {
        let start = offset
        let n = try readLength(elementSize: 1, "String")
        let raw = try readBytes(count: n)
        guard let s = String(validating: raw, as: UTF8.self) else {
            throw BinaryDecodingError(.invalidUTF8, offset: start, detail: "string of \(raw.count) bytes")
        }
        return s
    }

    /// Reads `count` raw bytes (written by ``BinaryWriter/writeBytes(_:)``).
    public mutating func readBytes(count: Int) throws(BinaryDecodingError) -> [UInt8] {
        try need(count, "bytes")
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// Reads a variable-length `UInt64` (``BinaryWriter/writeVarUInt(_:)``); throws on
    /// truncation, on more than 64 bits and on a form that is not the shortest (so that every
    /// value has one encoding).
    @inlinable public mutating func readVarUInt() throws(BinaryDecodingError) -> UInt64 {
        let start = position
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else {
                throw BinaryDecodingError(.truncated, offset: start, detail: "variable-length integer runs past the end")
            }
            let byte = bytes[position]
            position += 1
            let bits = UInt64(byte & 0x7F)
            guard shift < 63 || (shift == 63 && bits <= 1) else {
                throw BinaryDecodingError(.invalidValue, offset: start, detail: "variable-length integer of more than 64 bits")
            }
            value |= bits &<< shift
            if byte & 0x80 == 0 {
                guard bits != 0 || shift == 0 else {
                    throw BinaryDecodingError(.invalidValue, offset: start, detail: "variable-length integer not in its shortest form")
                }
                return value
            }
            shift += 7
        }
    }

    /// Reads a `UInt32` and throws `.unexpectedTag` unless it equals `expected`.
    public mutating func expectTag(_ expected: UInt32, _ what: StaticString) throws(BinaryDecodingError) {
        let start = offset
        let tag = try readUInt32()
        if tag != expected {
            throw BinaryDecodingError(
                .unexpectedTag, offset: start,
                detail: "expected \(what) tag 0x\(String(expected, radix: 16)), found 0x\(String(tag, radix: 16))")
        }
    }

    /// Throws `.trailingBytes` unless every byte has been read.
    public func expectEnd() throws(BinaryDecodingError) {
        if !isAtEnd {
            throw BinaryDecodingError(.trailingBytes, offset: offset, detail: "\(remaining) bytes after the last value")
        }
    }

    /// Reads a `UInt64` count and checks that `count * elementSize` bytes remain.
    mutating func readLength(elementSize: Int, _ what: StaticString) throws(BinaryDecodingError) -> Int {
        let start = offset
        let raw = try readUInt64()
        guard raw <= UInt64(remaining / elementSize) else {
            let left = remaining
            position = start
            throw BinaryDecodingError(
                .truncated, offset: start,
                detail: "\(what) of \(raw) elements needs \(raw) x \(elementSize) bytes, \(left) left")
        }
        return Int(raw)
    }
}
