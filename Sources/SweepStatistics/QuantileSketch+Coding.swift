import SweepCore

extension QuantileSketch {
    /// The dense form's tag, ASCII "QSK1" (partial formats 3 and 4).
    static let denseTag: UInt32 = 0x5153_4B31
    /// The sparse form's tag, ASCII "QSK2" (partial format 5 on).
    static let sparseTag: UInt32 = 0x5153_4B32

    /// Appends the sketch. The bytes depend only on the sketch's value (equal sketches encode
    /// identically).
    ///
    /// - Sparse form (the default): tag "QSK2", α, then the bucket bound, the count, the
    ///   non-finite and zero counts as variable-length integers, min and max, then each side
    ///   (positive, negative) as its number of non-empty buckets `n`, and when `n > 0` its lowest
    ///   index (zigzag, variable-length) and, per non-empty bucket from the lowest, the number of
    ///   empty buckets skipped before it (none before the first) and its count. A sketch of a few
    ///   hundred values over a thousand-bucket span takes a few hundred bytes instead of 8 a
    ///   bucket.
    /// - Dense form (`dense: true`, the layout of partial formats 3 and 4): tag "QSK1", α, the
    ///   bound and counts as `UInt64`, min, max, then each side as its lowest non-empty index and
    ///   the counts from there to its highest non-empty index.
    public func encode(to writer: inout BinaryWriter, dense: Bool = false) {
        writer.writeUInt32(dense ? Self.denseTag : Self.sparseTag)
        writer.writeDouble(relativeAccuracy)
        if dense {
            writer.writeUInt64(UInt64(maxBucketsPerSide))
            writer.writeUInt64(count)
            writer.writeUInt64(nonFinite)
            writer.writeUInt64(zeroCount)
        } else {
            writer.writeVarUInt(UInt64(maxBucketsPerSide))
            writer.writeVarUInt(count)
            writer.writeVarUInt(nonFinite)
            writer.writeVarUInt(zeroCount)
        }
        writer.writeDouble(_min)
        writer.writeDouble(_max)
        for side in [positive, negative] {
            let counts = side.canonicalCounts
            if dense {
                writer.writeInt64(Int64(side.total > 0 ? side.minIndex : 0))
                writer.writeUInt64s(counts)
                continue
            }
            var occupied: UInt64 = 0
            for c in counts where c > 0 { occupied += 1 }
            writer.writeVarUInt(occupied)
            guard occupied > 0 else { continue }
            writer.writeVarUInt(Self.zigzag(Int64(side.minIndex)))
            var skipped: UInt64 = 0
            var first = true
            for c in counts {
                guard c > 0 else {
                    skipped += 1
                    continue
                }
                if !first { writer.writeVarUInt(skipped) }
                writer.writeVarUInt(c)
                skipped = 0
                first = false
            }
        }
    }

    /// Reads what ``encode(to:dense:)`` wrote, in either form (the tag says which). Throws on
    /// truncation, an unknown tag, or an impossible sketch: parameters out of range, a side wider
    /// than the bucket bound or with empty end buckets, indices no finite value can have, counts
    /// that do not add up, min > max.
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        let start = reader.offset
        func invalid(_ why: String) -> BinaryDecodingError {
            BinaryDecodingError(.invalidValue, offset: start, detail: "QuantileSketch: \(why)")
        }
        let tag = try reader.readUInt32()
        guard tag == Self.denseTag || tag == Self.sparseTag else {
            throw BinaryDecodingError(
                .unexpectedTag, offset: start,
                detail: "expected QuantileSketch tag 0x\(String(Self.sparseTag, radix: 16)) or 0x\(String(Self.denseTag, radix: 16)), found 0x\(String(tag, radix: 16))")
        }
        let dense = tag == Self.denseTag
        func integer() throws(BinaryDecodingError) -> UInt64 { dense ? try reader.readUInt64() : try reader.readVarUInt() }
        let alpha = try reader.readDouble()
        let maxBuckets = try integer()
        guard alpha >= 1e-6 && alpha <= 0.5, (1...(1 << 20)).contains(maxBuckets) else {
            throw invalid("α \(alpha) or bucket bound \(maxBuckets) out of range")
        }
        self.init(checked: alpha, Int(maxBuckets))
        _count = try integer()
        _nonFinite = try integer()
        _zeroCount = try integer()
        _min = try reader.readDouble()
        _max = try reader.readDouble()
        // Every index a finite magnitude in [minIndexable, greatestFiniteMagnitude] can have.
        let lowest = index(ofMagnitude: Self.minIndexable) - 1
        let highest = index(ofMagnitude: .greatestFiniteMagnitude) + 1
        var sum = zeroCount
        for side in 0..<2 {
            let (minIndex, counts) = dense
                ? (try reader.readInt64(), try reader.readUInt64s())
                : try Self.readSparseSide(&reader, maxBuckets: Int(maxBuckets), invalid: { invalid("side \(side): \($0)") })
            var total: UInt64 = 0
            for c in counts {
                let (s, overflow) = total.addingReportingOverflow(c)
                guard !overflow else { throw invalid("bucket counts overflow") }
                total = s
            }
            var store = SketchBucketStore()
            if !counts.isEmpty {
                guard counts.count <= maxBuckets, counts.first! > 0, counts.last! > 0,
                    minIndex >= Int64(lowest), minIndex <= Int64(highest) - Int64(counts.count) + 1
                else { throw invalid("side \(side) has \(counts.count) buckets from index \(minIndex)") }
                store = SketchBucketStore(minIndex: Int(minIndex), counts: counts, total: total)
            } else if minIndex != 0 {
                throw invalid("empty side \(side) with index \(minIndex)")
            }
            if side == 0 { positive = store } else { negative = store }
            let (s, overflow) = sum.addingReportingOverflow(total)
            guard !overflow else { throw invalid("counts overflow") }
            sum = s
        }
        guard sum == count else { throw invalid("buckets hold \(sum) values, count says \(count)") }
        let extremesValid = count == 0
            ? _min == .infinity && _max == -.infinity
            : _min.isFinite && _max.isFinite && _min <= _max
        guard extremesValid else { throw invalid("min \(_min) and max \(_max) for \(count) values") }
    }

    /// One side of the sparse form as its lowest index and dense counts from there to its
    /// highest non-empty bucket (`(0, [])` for an empty side), in one pass: each gap is checked
    /// against the bucket bound before its empty buckets are appended, and every count must be
    /// positive.
    private static func readSparseSide(
        _ reader: inout BinaryReader, maxBuckets: Int, invalid: (String) -> BinaryDecodingError
    ) throws(BinaryDecodingError) -> (Int64, [UInt64]) {
        let occupied = try reader.readVarUInt()
        guard occupied > 0 else { return (0, []) }
        guard occupied <= UInt64(maxBuckets) else { throw invalid("\(occupied) non-empty buckets, more than the bound \(maxBuckets)") }
        let minIndex = unzigzag(try reader.readVarUInt())
        var counts: [UInt64] = []
        counts.reserveCapacity(Int(occupied))
        for k in 0 ..< Int(occupied) {
            if k > 0 {
                let skipped = try reader.readVarUInt()
                guard skipped < UInt64(maxBuckets - counts.count) else { throw invalid("buckets span more than the bound \(maxBuckets)") }
                counts.append(contentsOf: repeatElement(0, count: Int(skipped)))
            }
            let c = try reader.readVarUInt()
            guard c > 0 else { throw invalid("a listed bucket holds no value") }
            counts.append(c)
        }
        return (minIndex, counts)
    }

    /// Signed to unsigned, small magnitudes to small numbers: 0, -1, 1, -2, ... -> 0, 1, 2, 3, ...
    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v &<< 1) ^ (v >> 63)) }
    static func unzigzag(_ u: UInt64) -> Int64 { Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1) }
}
