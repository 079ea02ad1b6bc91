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
/// Shards are handed out in index order from a shared cursor, in pieces of whole batches
/// (`cut(_:batchSize:)`), so that at the end of a run no worker waits idle for another's
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
    /// (The list is made in one allocation of its largest possible size, 32 bytes a shard,
    /// instead of growing by doubling and copying.)
    public static func pendingShards(plan: SweepPlan, folder: ResultsFolder, slice: TaskSlice?) -> [ShardSpec] {
        var pending: [ShardSpec] = []
        pending.reserveCapacity(plan.shards.count)
        for shard in plan.shards where (slice?.contains(shard) ?? true) && !folder.hasValidPartial(shard, digest: plan.settings.digest) {
            pending.append(shard)
        }
        return pending
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
        let status = Mutex((done: 0, paths: 0, error: SweepError?.none))
        // Each point's exact beliefs and benchmark, made by the first worker that needs them and
        // shared with the workers that take the point's other shards. Shards come in point
        // order, so the cache keeps only recent points (it is emptied when it holds
        // `2 * workerCount`): memory stays flat in the number of points, and a point dropped
        // early is only computed again (the same bits).
        let theoryCache = Mutex([Int: (beliefs: [PayoffBelief], benchmark: PointBenchmark)]())
        let runner = ShardRunner(batchSize: batchSize)
        // Shards are handed out in pieces (`SweepRunner.cut`) so that the run's last seconds keep
        // every worker busy; the worker that finishes a shard's last piece assembles the shard's
        // result from its pieces and writes the partial. `cursor` is the next piece to hand out,
        // as (shard, piece): pieces are made as they are taken, nothing is stored per shard.
        let cursor = Mutex((shard: 0, piece: 0))
        let pieceCount = shards.reduce(0) { $0 + SweepRunner.cut($1.count, batchSize: runner.batchSize).pieces }
        let assembly = Mutex([Int: ShardAssembly]())
        let workerCount = min(workers, pieceCount)
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            var simulator: BatchSimulator?
            var benchmark: PointBenchmark?
            while true {
                if status.withLock({ $0.error != nil }) || stop?.isRequested == true { return }
                let taken = cursor.withLock { c -> Piece? in
                    guard c.shard < shards.count else { return nil }
                    let piece = SweepRunner.piece(c.piece, of: shards[c.shard], shard: c.shard, batchSize: runner.batchSize)
                    c.piece += 1
                    if c.piece == piece.of { c = (c.shard + 1, 0) }
                    return piece
                }
                guard let piece = taken else { return }
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
    struct Piece: Sendable {
        var shard: Int
        var first: Int
        var count: Int
        var index: Int
        var of: Int
    }

    /// How a shard of `count` replications is cut: into `pieces` of `size` replications (the
    /// last one shorter), up to `piecesPerShard` pieces of whole batches (at least `batchSize`
    /// replications each; a shard of one batch stays whole).
    static func cut(_ count: Int, batchSize: Int, piecesPerShard: Int = 4) -> (size: Int, pieces: Int) {
        let batches = (count + batchSize - 1) / batchSize
        let size = max(1, (batches + piecesPerShard - 1) / piecesPerShard) * batchSize
        return (size, max(1, (count + size - 1) / size))
    }

    /// Piece `k` of `shard` (`shards[index]`). The pieces of a shard run the shard's batches
    /// exactly (a piece starts on a batch boundary of its shard), and a path's numbers depend
    /// only on its point and replication, so the shard assembled from its pieces is the shard
    /// run whole, bit for bit: rows and moments in replication order, sketches merged exactly.
    static func piece(_ k: Int, of shard: ShardSpec, shard index: Int, batchSize: Int) -> Piece {
        let (size, count) = cut(shard.count, batchSize: batchSize)
        let first = shard.firstReplication + k * size
        return Piece(shard: index, first: first, count: min(size, shard.firstReplication + shard.count - first), index: k, of: count)
    }

    /// Every piece of `shards`, in the order the workers take them.
    static func pieces(of shards: [ShardSpec], batchSize: Int) -> [Piece] {
        shards.enumerated().flatMap { s, shard in
            (0 ..< cut(shard.count, batchSize: batchSize).pieces).map { piece($0, of: shard, shard: s, batchSize: batchSize) }
        }
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
