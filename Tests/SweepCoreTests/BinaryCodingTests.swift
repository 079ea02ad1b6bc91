import SweepCore
import XCTest

final class BinaryCodingTests: XCTestCase {
    func testLayoutIsLittleEndianAndFixedWidth() {
        var w = BinaryWriter()
        w.writeUInt8(0xAB)
        w.writeUInt32(0x0102_0304)
        w.writeUInt64(0x0102_0304_0506_0708)
        w.writeInt64(-2)
        w.writeDouble(1.0)  // 0x3FF0000000000000
        w.writeDoubles([-0.0])
        w.writeString("é")  // UTF-8 C3 A9
        w.writeBytes([0x54, 0x53])
        w.writeUInt64s([0x0102_0304_0506_0708, 1][...])
        w.writeUInt64s((1...2).lazy.map { UInt64($0) << 56 })  // not contiguous: word by word
        XCTAssertEqual(w.bytes, [
            0xAB,
            0x04, 0x03, 0x02, 0x01,
            0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
            0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,
            0x01, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
            0x02, 0, 0, 0, 0, 0, 0, 0, 0xC3, 0xA9,
            0x54, 0x53,
            0x02, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0x01, 0, 0, 0, 0, 0, 0, 0,
            0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x02,
        ])
    }

    func testRoundTrip() throws {
        var w = BinaryWriter()
        let nanPayload = Double(bitPattern: 0x7FF8_0000_0000_1234)
        w.writeUInt8(7)
        w.writeUInt32(.max)
        w.writeUInt64(.max)
        w.writeInt64(.min)
        w.writeDouble(nanPayload)
        w.writeDoubles([1.5, -.infinity, .leastNonzeroMagnitude])
        w.writeString("ticket ✓")
        w.writeUInt64s([3, .max])
        w.writeBytes([1, 2, 3])
        var r = BinaryReader(w.bytes)
        XCTAssertEqual(try r.readUInt8(), 7)
        XCTAssertEqual(try r.readUInt32(), .max)
        XCTAssertEqual(try r.readUInt64(), .max)
        XCTAssertEqual(try r.readInt64(), .min)
        XCTAssertEqual(try r.readDouble().bitPattern, nanPayload.bitPattern)
        XCTAssertEqual(try r.readDoubles(), [1.5, -.infinity, .leastNonzeroMagnitude])
        XCTAssertEqual(try r.readString(), "ticket ✓")
        XCTAssertEqual(try r.readUInt64s(), [3, .max])
        XCTAssertEqual(try r.readBytes(count: 3), [1, 2, 3])
        XCTAssertTrue(r.isAtEnd)
        XCTAssertNoThrow(try r.expectEnd())
    }

    func testTruncationThrowsWithOffset() {
        var r = BinaryReader([1, 2, 3])
        XCTAssertEqual(try r.readUInt8(), 1)
        XCTAssertThrowsError(try r.readUInt32()) { error in
            let e = error as? BinaryDecodingError
            XCTAssertEqual(e?.code, .truncated)
            XCTAssertEqual(e?.offset, 1)
        }
        XCTAssertEqual(r.offset, 1, "a failed read consumes nothing")
        XCTAssertThrowsError(try r.readBytes(count: 3))
        XCTAssertThrowsError(try r.readBytes(count: -1))
        XCTAssertThrowsError(try r.expectEnd()) { error in
            XCTAssertEqual((error as? BinaryDecodingError)?.code, .trailingBytes)
        }
    }

    func testHugeLengthPrefixThrowsWithoutAllocating() {
        var w = BinaryWriter()
        w.writeUInt64(.max)
        w.writeDouble(1)
        let reads: [(inout BinaryReader) throws -> Void] = [
            { _ = try $0.readDoubles() }, { _ = try $0.readString() }, { _ = try $0.readUInt64s() },
        ]
        for read in reads {
            var r = BinaryReader(w.bytes)
            XCTAssertThrowsError(try read(&r)) { error in
                XCTAssertEqual((error as? BinaryDecodingError)?.code, .truncated)
                XCTAssertEqual((error as? BinaryDecodingError)?.offset, 0)
            }
        }
    }

    func testInvalidUTF8AndTags() {
        var w = BinaryWriter()
        w.writeUInt64(2)
        w.writeBytes([0xFF, 0xFE])
        var r = BinaryReader(w.bytes)
        XCTAssertThrowsError(try r.readString()) { error in
            XCTAssertEqual((error as? BinaryDecodingError)?.code, .invalidUTF8)
        }
        var t = BinaryReader([1, 0, 0, 0])
        XCTAssertThrowsError(try t.expectTag(2, "test")) { error in
            XCTAssertEqual((error as? BinaryDecodingError)?.code, .unexpectedTag)
        }
    }

    /// Variable-length integers: one byte below 128, ten for the largest; every value reads
    /// back; truncation, more than 64 bits and a form that is not the shortest are refused.
    func testVariableLengthIntegers() throws {
        let values: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, 1 << 32, UInt64.max - 1, UInt64.max]
        var w = BinaryWriter()
        for v in values { w.writeVarUInt(v) }
        var sizes = BinaryWriter()
        sizes.writeVarUInt(127)
        XCTAssertEqual(sizes.bytes, [127])
        sizes = BinaryWriter()
        sizes.writeVarUInt(300)
        XCTAssertEqual(sizes.bytes, [0xAC, 0x02])
        sizes = BinaryWriter()
        sizes.writeVarUInt(.max)
        XCTAssertEqual(sizes.bytes.count, 10)
        var r = BinaryReader(w.bytes)
        for v in values { XCTAssertEqual(try r.readVarUInt(), v) }
        XCTAssertTrue(r.isAtEnd)
        for (bytes, code) in [([0x80], BinaryDecodingError.Code.truncated), ([0x80, 0x00], .invalidValue),
                              ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], .invalidValue)] as [([UInt8], BinaryDecodingError.Code)] {
            var bad = BinaryReader(bytes)
            XCTAssertThrowsError(try bad.readVarUInt(), "\(bytes)") { error in
                XCTAssertEqual((error as? BinaryDecodingError)?.code, code, "\(bytes)")
            }
        }
    }
}
