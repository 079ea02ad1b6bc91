import SweepCore

extension QuantileSketch {
    /// The format tag, ASCII "QSK1".
    static let tag: UInt32 = 0x5153_4B31

    /// Appends the sketch: tag, α, bucket bound, counts, min, max, then each side (positive,
    /// negative) as its lowest non-empty index and the counts from there to its highest non-empty
    /// index. The bytes depend only on the sketch's value (equal sketches encode identically).
    public func encode(to writer: inout BinaryWriter) {
        writer.writeUInt32(Self.tag)
        writer.writeDouble(relativeAccuracy)
        writer.writeUInt64(UInt64(maxBucketsPerSide))
        writer.writeUInt64(count)
        writer.writeUInt64(nonFinite)
        writer.writeUInt64(zeroCount)
        writer.writeDouble(_min)
        writer.writeDouble(_max)
        for side in [positive, negative] {
            writer.writeInt64(Int64(side.total > 0 ? side.minIndex : 0))
            writer.writeUInt64s(side.canonicalCounts)
        }
    }

    /// Reads what ``encode(to:)`` wrote. Throws on truncation, a wrong tag, or an impossible sketch:
    /// parameters out of range, a side wider than the bucket bound or with empty end buckets,
    /// indices no finite value can have, counts that do not add up, min > max.
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        let start = reader.offset
        func invalid(_ why: String) -> BinaryDecodingError {
            BinaryDecodingError(.invalidValue, offset: start, detail: "QuantileSketch: \(why)")
        }
        try reader.expectTag(Self.tag, "QuantileSketch")
        let alpha = try reader.readDouble()
        let maxBuckets = try reader.readUInt64()
        guard alpha >= 1e-6 && alpha <= 0.5, (1...(1 << 20)).contains(maxBuckets) else {
            throw invalid("α \(alpha) or bucket bound \(maxBuckets) out of range")
        }
        self.init(checked: alpha, Int(maxBuckets))
        _count = try reader.readUInt64()
        _nonFinite = try reader.readUInt64()
        _zeroCount = try reader.readUInt64()
        _min = try reader.readDouble()
        _max = try reader.readDouble()
        // Every index a finite magnitude in [minIndexable, greatestFiniteMagnitude] can have.
        let lowest = index(ofMagnitude: Self.minIndexable) - 1
        let highest = index(ofMagnitude: .greatestFiniteMagnitude) + 1
        var sum = zeroCount
        for side in 0..<2 {
            let minIndex = try reader.readInt64()
            let counts = try reader.readUInt64s()
            var total: UInt64 = 0
            for c in counts {
                let (s, overflow) = total.addingReportingOverflow(c)
                guard !overflow else { throw invalid("bucket counts overflow") }
                total = s
            }
            var store = SketchBucketStore()
            if !counts.isEmpty {
                guard counts.count <= maxBuckets, counts.first! > 0, counts.last! > 0,
                    minIndex >= Int64(lowest), minIndex + Int64(counts.count) - 1 <= Int64(highest)
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
}
