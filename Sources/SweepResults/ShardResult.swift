import SweepCore
import SweepStatistics
import TicketModel

/// What one shard contributes to its point, kept so that the tables do not depend on how
/// replications were split into shards:
///
/// - the per-path metric row of every replication (the reducer folds them in replication order);
/// - per replication, the moments of its per-ticket metrics (folded in replication order);
/// - per shard, a quantile sketch of each per-ticket metric (sketch merges are exact integer
///   additions, so their grouping does not matter).
public struct ShardResult: Sendable {
    public var pathMetricCount: Int
    public var ticketMetricCount: Int
    /// Row-major `replications x pathMetricCount`.
    public var rows: [Double]
    /// `replications x ticketMetricCount`, replication-major.
    public var ticketMoments: [Moments]
    public var ticketSketches: [QuantileSketch]
    /// The exact beliefs `(pi_k, Var_k R)` the point's buyers used, one per class (the same in
    /// every shard of a point; recorded so that `run.json` can show them).
    public var beliefs: [PayoffBelief] = []
    /// The point's equilibrium benchmark (`benchmarks.csv`), computed by the run with the
    /// beliefs (`PointBenchmark.withExactBeliefs`) so that the reducer only reads it; `nil` when
    /// the shard's writer did not compute it (format version 3, or a result made by hand): the
    /// reducer then computes it from the beliefs.
    public var benchmark: PointBenchmark?

    public init(pathMetricCount: Int, ticketMetricCount: Int) {
        self.pathMetricCount = pathMetricCount
        self.ticketMetricCount = ticketMetricCount
        rows = []
        ticketMoments = []
        ticketSketches = Array(repeating: QuantileSketch(), count: ticketMetricCount)
    }

    public var replications: Int { pathMetricCount == 0 ? 0 : rows.count / pathMetricCount }

    /// Appends the result in the layout of partial format `version` (5: sparse sketches; 4: dense
    /// sketches; 3: dense sketches and no benchmark).
    public func encode(to writer: inout BinaryWriter, version: UInt32 = PartialFile.formatVersion) {
        writer.writeUInt64(UInt64(pathMetricCount))
        writer.writeUInt64(UInt64(ticketMetricCount))
        writer.writeUInt64(UInt64(replications))
        writer.writeDoubles(rows)
        for m in ticketMoments { m.encode(to: &writer) }
        for s in ticketSketches { s.encode(to: &writer, dense: version < 5) }
        writer.writeDoubles(beliefs.flatMap { [$0.mean, $0.variance] })
        guard version >= 4 else { return }
        writer.writeDoubles(benchmark.map { [$0.price, $0.surplusPerSlot, $0.capture] } ?? [])
    }

    /// Reads what `encode(to:version:)` wrote in partial format `version` (sketches in either
    /// form; version 3 ends at the beliefs, with no benchmark).
    public init(from reader: inout BinaryReader, version: UInt32 = PartialFile.formatVersion) throws(BinaryDecodingError) {
        let m = try reader.readUInt64()
        let t = try reader.readUInt64()
        let r = try reader.readUInt64()
        // Bound the counts before allocating: a corrupt header must not trap or exhaust memory.
        guard m < 1 << 20, t < 1 << 20, r < 1 << 32 else {
            throw BinaryDecodingError(.invalidValue, offset: reader.offset, detail: "implausible shard dimensions \(m) x \(t) x \(r)")
        }
        pathMetricCount = Int(m)
        ticketMetricCount = Int(t)
        rows = try reader.readDoubles()
        guard rows.count == Int(m) * Int(r) else {
            throw BinaryDecodingError(.invalidValue, offset: reader.offset, detail: "expected \(Int(m) * Int(r)) metric values, found \(rows.count)")
        }
        var moments: [Moments] = []
        moments.reserveCapacity(Int(r * t))
        for _ in 0..<(Int(r) * Int(t)) { moments.append(try Moments(from: &reader)) }
        ticketMoments = moments
        var sketches: [QuantileSketch] = []
        for _ in 0..<Int(t) { sketches.append(try QuantileSketch(from: &reader)) }
        ticketSketches = sketches
        let pairs = try reader.readDoubles()
        guard pairs.count % 2 == 0 else {
            throw BinaryDecodingError(.invalidValue, offset: reader.offset, detail: "odd number of belief values")
        }
        beliefs = stride(from: 0, to: pairs.count, by: 2).map { PayoffBelief(mean: pairs[$0], variance: pairs[$0 + 1]) }
        guard version >= 4 else { return }
        let b = try reader.readDoubles()
        switch b.count {
        case 0: benchmark = nil
        case 3: benchmark = PointBenchmark(price: b[0], capture: b[2], surplusPerSlot: b[1])
        default: throw BinaryDecodingError(.invalidValue, offset: reader.offset, detail: "\(b.count) benchmark values, expected 0 or 3")
        }
    }
}
