import Dispatch
import Foundation
import SweepCore
import SweepPlanner
import SweepResults
import SweepStatistics
import Synchronization
import TicketModel

/// Progress of a run, reported from the workers.
public struct RunProgress: Sendable {
    public var shardsDone: Int
    public var shardsTotal: Int
    /// Shards that were already complete when the run started.
    public var shardsSkipped: Int
    public var pathsDone: Int
    public var elapsed: Double
}

/// Runs the shards of a plan on a pool of workers (one per core by default) and writes one
/// partial per shard.
///
/// Shards are handed out in index order from a shared counter, in pieces of whole batches
/// (`pieces(of:batchSize:)`), so that at the end of a run no worker waits idle for another's
/// last whole shard; each worker keeps one simulator and rebuilds it only when its next piece
/// is of another point. OpenBLAS is set to one thread
/// while the workers run (BLAS inside workers would otherwise oversubscribe the cores).
/// The partials do not depend on the number of workers.
public struct SweepRunner: Sendable {
    public var workers: Int
    public var batchSize: Int

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = ShardRunner.defaultBatchSize) {
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
    }

    /// The shards of `plan` within `slice` that still need a valid partial.
    public static func pendingShards(plan: SweepPlan, folder: ResultsFolder, slice: TaskSlice?) -> [ShardSpec] {
        plan.shards.filter { shard in
            (slice?.contains(shard) ?? true) && !folder.hasValidPartial(shard, digest: plan.settings.digest)
        }
    }

    /// What a run did: how many shards it computed, and the signal that stopped it, if any.
    public struct Outcome: Sendable {
        public var computed: Int
        /// Set when `stop` was requested: the run then left the shards it had not finished
        /// (no partial of them was written) and took no new one.
        public var stoppedBy: Int32?
    }

    /// Runs `shards` and writes their partials into `folder`. Calls `progress` after each shard
    /// (from a worker thread, serialised). When `stop` is requested, every worker abandons its
    /// shard before the next batch (its partial is never written) and takes no new one; shards
    /// finished before are kept.
    @discardableResult
    public func run(
        plan: SweepPlan, shards: [ShardSpec], folder: ResultsFolder, skipped: Int = 0, stop: StopRequest? = nil,
        progress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) throws(SweepError) -> Outcome {
        guard !shards.isEmpty else { return Outcome(computed: 0, stoppedBy: stop?.signal) }
        let savedThreads = BLASThreads.get()
        BLASThreads.set(1)
        defer { BLASThreads.set(savedThreads) }
        let start = Date()
        let host = ProcessInfo.processInfo.hostName
        let next = Mutex(0)
        let status = Mutex((done: 0, paths: 0, error: SweepError?.none))
        // Each point's exact beliefs and benchmark, made by the first worker that needs them and
        // shared with the workers that take the point's other shards. Shards come in point
        // order, so the cache keeps only recent points (it is emptied when it holds
        // `2 * workerCount`): memory stays flat in the number of points, and a point dropped
        // early is only computed again (the same bits).
        let theoryCache = Mutex([Int: (beliefs: [PayoffBelief], benchmark: PointBenchmark)]())
        let runner = ShardRunner(batchSize: batchSize)
        // Shards are handed out in pieces (`SweepRunner.pieces`) so that the run's last seconds
        // keep every worker busy; the worker that finishes a shard's last piece assembles the
        // shard's result from its pieces and writes the partial.
        let pieces = SweepRunner.pieces(of: shards, batchSize: runner.batchSize)
        let assembly = Mutex([Int: ShardAssembly]())
        let workerCount = min(workers, pieces.count)
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            var simulator: BatchSimulator?
            var benchmark: PointBenchmark?
            while true {
                if status.withLock({ $0.error != nil }) || stop?.isRequested == true { return }
                let i = next.withLock { n -> Int in
                    defer { n += 1 }
                    return n
                }
                guard i < pieces.count else { return }
                let piece = pieces[i]
                let shard = shards[piece.shard]
                do {
                    if simulator?.setup.point != shard.point {
                        let setup = plan.setup(ofPoint: shard.point)
                        let theory = theoryCache.withLock { $0[shard.point] } ?? {
                            let made = PointBenchmark.withExactBeliefs(setup.parameters)
                            theoryCache.withLock { cache in
                                if cache.count >= 2 * workerCount { cache.removeAll(keepingCapacity: true) }
                                cache[shard.point] = made
                            }
                            return made
                        }()
                        simulator = BatchSimulator(setup: setup, batchCapacity: min(runner.batchSize, shard.count), beliefs: theory.beliefs)
                        benchmark = theory.benchmark
                    }
                    let began = Date()
                    let part = ShardSpec(index: shard.index, point: shard.point, firstReplication: piece.first, count: piece.count)
                    guard let result = runner.run(part, simulator: simulator!, stop: stop) else { return }
                    let seconds = Date().timeIntervalSince(began)
                    let complete = assembly.withLock { open -> ShardAssembly? in
                        var a = open[piece.shard] ?? ShardAssembly(pieces: piece.of)
                        a.add(result, piece: piece.index, began: began.timeIntervalSince1970, seconds: seconds)
                        guard a.isComplete else {
                            open[piece.shard] = a
                            return nil
                        }
                        open[piece.shard] = nil
                        return a
                    }
                    guard let complete else { continue }
                    var whole = try complete.merged()
                    whole.benchmark = benchmark
                    let partial = PartialFile(
                        manifestDigest: plan.settings.digest, shard: shard, started: complete.started,
                        seconds: complete.seconds, host: host, result: whole)
                    try partial.write(to: folder.partialPath(shard), durable: false)
                    let snapshot = status.withLock { s -> RunProgress in
                        s.done += 1
                        s.paths += shard.count
                        return RunProgress(
                            shardsDone: s.done + skipped, shardsTotal: shards.count + skipped, shardsSkipped: skipped,
                            pathsDone: s.paths, elapsed: Date().timeIntervalSince(start))
                    }
                    progress(snapshot)
                } catch let error as SweepError {
                    status.withLock { if $0.error == nil { $0.error = error } }
                } catch {
                    status.withLock { if $0.error == nil { $0.error = .badInput("\(error)") } }
                }
            }
        }
        // The partials were renamed into place unsynced: one sync of the file system for all.
        AtomicFile.syncFileSystem(containing: folder.shardsPath)
        if let error = status.withLock({ $0.error }) { throw error }
        return Outcome(computed: status.withLock { $0.done }, stoppedBy: stop?.signal)
    }
}

extension SweepRunner {
    /// A piece of a shard: replications `first ..< first + count` of `shards[shard]`, piece
    /// `index` of `of`.
    struct Piece: Sendable, Equatable {
        var shard: Int
        var first: Int
        var count: Int
        var index: Int
        var of: Int
    }

    /// The pieces the workers take, in shard order: each shard in up to `piecesPerShard`
    /// pieces of whole batches (at least `batchSize` replications each; a shard of one batch
    /// stays whole). The pieces of a shard run the shard's batches exactly (a piece starts on a
    /// batch boundary of its shard), and a path's numbers depend only on its point and
    /// replication, so the shard assembled from its pieces is the shard run whole, bit for
    /// bit: rows and moments in replication order, sketches merged exactly.
    static func pieces(of shards: [ShardSpec], batchSize: Int, piecesPerShard: Int = 4) -> [Piece] {
        var pieces: [Piece] = []
        for (s, shard) in shards.enumerated() {
            let batches = (shard.count + batchSize - 1) / batchSize
            let perPiece = max(1, (batches + piecesPerShard - 1) / piecesPerShard) * batchSize
            let count = (shard.count + perPiece - 1) / perPiece
            for k in 0 ..< count {
                let first = shard.firstReplication + k * perPiece
                pieces.append(Piece(
                    shard: s, first: first, count: min(perPiece, shard.firstReplication + shard.count - first), index: k, of: count))
            }
        }
        return pieces
    }

    /// The pieces of one shard finished so far.
    struct ShardAssembly: Sendable {
        var results: [ShardResult?]
        var remaining: Int
        /// The earliest start of a piece (seconds since 1970) and the pieces' compute seconds.
        var started = Double.infinity
        var seconds = 0.0

        init(pieces: Int) {
            results = Array(repeating: nil, count: pieces)
            remaining = pieces
        }

        var isComplete: Bool { remaining == 0 }

        mutating func add(_ result: ShardResult, piece: Int, began: Double, seconds: Double) {
            results[piece] = result
            remaining -= 1
            started = min(started, began)
            self.seconds += seconds
        }

        /// The shard's result: the pieces' rows and moments in piece order, their sketches merged.
        func merged() throws(SweepError) -> ShardResult {
            var whole = results[0]!
            for part in results.dropFirst() {
                let part = part!
                whole.rows += part.rows
                whole.ticketMoments += part.ticketMoments
                for m in whole.ticketSketches.indices {
                    do { try whole.ticketSketches[m].merge(part.ticketSketches[m]) } catch {
                        throw .runtime("merging the pieces of a shard: \(error)")
                    }
                }
            }
            return whole
        }
    }
}

/// Process-wide settings of the engine, applied once at start-up by the command line.
public enum EngineEnvironment {
    /// Sets OpenBLAS to one thread for the whole process: workers are the parallelism, and idle
    /// BLAS threads would only compete with them for the cores.
    public static func prepare() {
        BLASThreads.set(1)
    }
}
