import Foundation
import SweepCore
import SweepPlanner
import TicketModel

/// `run.json`: what was run, by which version, where and when, with per-shard timings and each
/// point's exact beliefs. Keys are sorted; the per-shard and per-point arrays are streamed to
/// the file, one line an entry.
public enum RunRecord {
    public struct ShardTiming: Encodable, Sendable {
        public var shard: Int
        public var point: Int
        public var seconds: Double
        public var host: String
    }

    public struct Belief: Encodable, Sendable {
        public var mean: Double
        public var variance: Double
    }

    /// A buyer class's exact belief `(pi, Var R)` at one point. With a Pareto tail of
    /// `alpha <= 2`, `Var R` comes from the finite pre-sample and moves with the seed, so it is
    /// recorded next to the results it shaped.
    public struct PointBeliefs: Encodable, Sendable {
        public var point: Int
        public var classes: [String: Belief]
    }

    struct Axis: Encodable {
        var path: String
        var values: [JSONValue]
    }

    struct Sample: Encodable {
        var method: String
        var points: Int
        var ranges: [String: [Double]]
    }

    struct Design: Encodable {
        var grid: [Axis]
        var zip: [Axis]
        var sample: Sample?

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(grid, forKey: .grid)
            try c.encode(zip, forKey: .zip)
            try c.encode(sample, forKey: .sample)  // null when absent, as the notebook helper expects
        }

        enum CodingKeys: String, CodingKey { case grid, zip, sample }
    }

    /// A point's competitive-equilibrium benchmark (MODEL.md section 8; `nan` as `null`) and the
    /// tickets bought at price 0 that `ticket_multiple` leaves out.
    public struct PointBenchmarkRecord: Encodable, Sendable {
        public var point: Int
        public var equilibrium_price: Double?
        public var expected_surplus: Double?
        public var equilibrium_capture: Double?
        public var zero_price_tickets: Int

        public init(point: Int, benchmark: PointBenchmark, zeroPriceTickets: Int) {
            self.point = point
            func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
            equilibrium_price = finite(benchmark.price)
            expected_surplus = finite(benchmark.surplusPerSlot)
            equilibrium_capture = finite(benchmark.capture)
            zero_price_tickets = zeroPriceTickets
        }
    }

    /// The per-point beliefs and benchmarks and the per-shard timings of a reduce, streamed to
    /// part files in the results folder (JSON lines) and spliced into `run.json` by `write`.
    /// One point's entries of `run.json`'s `beliefs`, `benchmarks` and `shards` lists, encoded
    /// as JSON by the thread that reduced the point, so that the reducer's serial loop only
    /// appends them (`Parts.add`).
    public struct PointEntries: Sendable {
        let beliefs: String?
        let benchmark: String
        let shards: [String]
        let shardSeconds: [Double]

        public init(beliefs: PointBeliefs?, benchmark: PointBenchmarkRecord, timings: [ShardTiming]) throws(SweepError) {
            self.beliefs = try beliefs.map { b throws(SweepError) in try RunRecord.json(b) }
            self.benchmark = try RunRecord.json(benchmark)
            shards = try timings.map { t throws(SweepError) in try RunRecord.json(t) }
            shardSeconds = timings.map(\.seconds)
        }
    }

    public final class Parts {
        let beliefsPath: String
        let benchmarksPath: String
        let shardsPath: String
        let beliefs: StreamingTextFile
        let benchmarks: StreamingTextFile
        let shards: StreamingTextFile
        private(set) var beliefCount = 0
        private(set) var benchmarkCount = 0
        private(set) var shardCount = 0
        private(set) var computeSeconds = 0.0

        public init(folder: ResultsFolder) throws(SweepError) {
            beliefsPath = folder.path + "/.run-beliefs.jsonl"
            benchmarksPath = folder.path + "/.run-benchmarks.jsonl"
            shardsPath = folder.path + "/.run-shards.jsonl"
            beliefs = try StreamingTextFile(path: beliefsPath)
            benchmarks = try StreamingTextFile(path: benchmarksPath)
            shards = try StreamingTextFile(path: shardsPath)
        }

        /// Appends a point's entries (points in order).
        public func add(_ entries: PointEntries) {
            if let b = entries.beliefs {
                beliefs.append((beliefCount == 0 ? "\n    " : ",\n    ") + b)
                beliefCount += 1
            }
            for (t, seconds) in zip(entries.shards, entries.shardSeconds) {
                shards.append((shardCount == 0 ? "\n    " : ",\n    ") + t)
                shardCount += 1
                computeSeconds += seconds
            }
            benchmarks.append((benchmarkCount == 0 ? "\n    " : ",\n    ") + entries.benchmark)
            benchmarkCount += 1
        }

        /// Appends the committed part file at `path` to `file`, in 64 KiB pieces, and removes it.
        static func splice(_ path: String, into file: StreamingTextFile) throws(SweepError) {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw .runtime("cannot read \(path)") }
            defer {
                try? handle.close()
                try? FileManager.default.removeItem(atPath: path)
            }
            while true {
                let data = handle.readData(ofLength: 1 << 16)
                if data.isEmpty { break }
                file.append(String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// `precision` is the JSON text of the `precision` entry (`PrecisionRecord`), when the
    /// manifest has a target.
    public static func write(plan: SweepPlan, folder: ResultsFolder, started: Double, parts: Parts, precision: String? = nil) throws(SweepError) {
        try parts.beliefs.commit()
        try parts.benchmarks.commit()
        try parts.shards.commit()
        let m = plan.settings
        let design = Design(
            grid: plan.design.grid.map { Axis(path: $0.path, values: $0.values.map(JSONValue.init)) },
            zip: plan.design.zip.map { Axis(path: $0.path, values: $0.values.map(JSONValue.init)) },
            sample: plan.design.sample.map { s in
                var ranges: [String: [Double]] = [:]
                for r in s.ranges { ranges[r.path] = [r.low, r.high] }
                return Sample(method: s.method, points: s.points, ranges: ranges)
            })
        let iso = ISO8601DateFormatter()
        // Written as a stream (one line per shard and per point), keys in sorted order, so
        // that memory does not grow with the number of points.
        let file = try StreamingTextFile(path: folder.runPath)
        let compute = parts.computeSeconds
        let fields: [(String, String)] = [
            ("columns", try json(plan.columns)),
            ("common_random_numbers", try json(m.commonRandomNumbers)),
            ("compute_seconds", try json(compute)),
            ("design", try json(design)),
            ("finished", try json(iso.string(from: Date()))),
            ("host", try json(ProcessInfo.processInfo.hostName)),
            ("manifest_sha256", try json(m.digest)),
            ("name", try json(m.name)),
            ("points", try json(plan.points.count)),
        ] + (precision.map { [("precision", $0)] } ?? []) + [
            ("replications", try json(m.replications)),
            ("seed", try json(m.seed)),
            ("shard_count", try json(parts.shardCount)),
        ]
        file.append("{\n  \"beliefs\": [")
        try Parts.splice(parts.beliefsPath, into: file)
        file.append(parts.beliefCount == 0 ? "],\n" : "\n  ],\n")
        file.append("  \"benchmarks\": [")
        try Parts.splice(parts.benchmarksPath, into: file)
        file.append(parts.benchmarkCount == 0 ? "],\n" : "\n  ],\n")
        for (key, value) in fields { file.append("  \"\(key)\": \(value),\n") }
        file.append("  \"shards\": [")
        try Parts.splice(parts.shardsPath, into: file)
        file.append(parts.shardCount == 0 ? "],\n" : "\n  ],\n")
        file.append("  \"slots\": \(try json(m.slots)),\n")
        file.append("  \"started\": \(try json(iso.string(from: Date(timeIntervalSince1970: started)))),\n")
        file.append("  \"version\": \(try json(TicketSweepVersion.current))\n}\n")
        try file.commit()
    }

    /// One value as compact JSON with sorted keys (non-finite numbers as strings).
    static func json<T: Encodable>(_ value: T) throws(SweepError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            throw .runtime("cannot encode run.json: \(error)")
        }
    }
}

/// An axis value as JSON (a non-finite number as `null`).
enum JSONValue: Encodable {
    case null, bool(Bool), number(Double), string(String), list([JSONValue]), map([String: JSONValue])

    init(_ value: AxisValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let x): self = x.isFinite ? .number(x) : .null
        case .string(let s): self = .string(s)
        case .list(let items): self = .list(items.map(JSONValue.init))
        case .map(let entries): self = .map(entries.mapValues(JSONValue.init))
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let x): try c.encode(x)
        case .string(let s): try c.encode(s)
        case .list(let l): try c.encode(l)
        case .map(let m): try c.encode(m)
        }
    }
}
