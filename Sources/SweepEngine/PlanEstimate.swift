import Foundation
import SweepPlanner
import SweepResults
import TicketModel

/// What a sweep will cost on this machine: the time, from a short calibration run of its first
/// point, and the size of its results folder.
///
/// The calibration simulates one batch of paths of point 0 through `ShardRunner` (the code a run
/// uses), first on a shortened horizon (the warmup and the measured slots cut in proportion),
/// doubling the horizon while the time budget allows, and keeps the rate of the longest round;
/// it also times the setup of a point (exact beliefs, buffers) and the encoding of a
/// partial. Time is then `(points x setup + shards x partial + slot-steps / rate) / workers`,
/// which assumes one worker per core and linear scaling (FACTS.md: 1.94-1.98x from 1 to 2
/// workers). It is an estimate: small-grid's was 2 s for a 2.0 s run, bench's 46 s for a run
/// that took 95 s on a loaded machine; points whose model costs more than point 0's (more
/// agents, another mechanism) make it low.
public struct PlanEstimate: Sendable {
    /// A plan that would run longer than this (one day) gets a warning.
    public static let longRunSeconds = 86_400.0
    /// A plan whose results folder would be larger than this (10 GB) gets a warning.
    public static let largeOutputBytes = 10e9

    /// Slot-steps per second of one worker on point 0; `nil` when not calibrated.
    public var slotStepsPerSecond: Double?
    /// Seconds to set up one point's simulator (exact beliefs, buffers); `nil` when not calibrated.
    public var setupSeconds: Double?
    /// Seconds to encode and checksum one partial; `nil` when not calibrated.
    public var partialSeconds: Double?
    /// Wall-clock seconds for the whole sweep with `workers` workers; `nil` when not calibrated.
    public var seconds: Double?
    /// Workers the time is for (at most one per shard).
    public var workers: Int
    /// Seconds the calibration took.
    public var calibrationSeconds: Double
    /// Why there is no calibration, when there is none.
    public var notCalibrated: String?
    /// Bytes of the partials and the tables (an estimate: 1.20 MB for small-grid's 1.01 MB).
    public var outputBytes: Double

    /// Whether the sweep would run for more than `longRunSeconds`.
    public var runsLong: Bool { (seconds ?? 0) > PlanEstimate.longRunSeconds }
    /// Whether the results folder would be larger than `largeOutputBytes`.
    public var writesLarge: Bool { outputBytes > PlanEstimate.largeOutputBytes }

    /// Estimates `plan` for `workers` workers; calibrates for at most about `budget` seconds
    /// (none when `calibrate` is false).
    public init(plan: SweepPlan, workers: Int, calibrate: Bool = true, budget: Double = 0.3) {
        self.workers = max(1, min(workers, plan.shards.count))
        outputBytes = PlanEstimate.outputBytes(plan)
        calibrationSeconds = 0
        guard calibrate else {
            notCalibrated = "--no-calibrate"
            return
        }
        let setup = plan.setup(ofPoint: 0)
        if let reason = PlanEstimate.tooLargeToCalibrate(setup.parameters) {
            notCalibrated = reason
            return
        }
        let started = Date()
        let batch = min(ShardRunner.defaultBatchSize, plan.settings.shardSize)
        let timing = PlanEstimate.calibrate(setup, batch: batch, budget: budget)
        calibrationSeconds = Date().timeIntervalSince(started)
        slotStepsPerSecond = timing.rate
        setupSeconds = timing.setup
        partialSeconds = timing.partial
        let steps = plan.slotSteps()
        let overhead = Double(plan.points.count) * timing.setup + Double(plan.shards.count) * timing.partial
        seconds = (overhead + steps / timing.rate) / Double(self.workers)
    }

    /// Bytes of the results folder, roughly (the size of the files, not of the disk blocks).
    ///
    /// - Partials: per replication a row of path metrics (8 bytes each) and the moments of each
    ///   ticket metric (64 bytes); per shard a header and each ticket metric's sparse sketch
    ///   (partial format 5), about 3 bytes a non-empty bucket, with one bucket per ticket value
    ///   (taken as one a slot-step of the shard's paths) up to 1,500 (measured: the bench
    ///   scenario's shards of 1.8 M values fill 139 to 2,768 buckets a sketch, 1,100 on average;
    ///   a tiny point's 168 values about 70).
    /// - Tables: per point and metric a summary row (about 240 bytes) and, where histograms are
    ///   written, a row per bin (about 40); per point a correlation row per pair of path metrics
    ///   (about 35 bytes).
    public static func outputBytes(_ plan: SweepPlan) -> Double {
        let m = plan.settings
        let layout = MetricLayout(plan.parameters(ofPoint: 0))
        let points = Double(plan.points.count)
        let pathMetrics = Double(layout.pathMetrics.count), ticketMetrics = Double(layout.ticketMetrics.count)
        let perReplication = pathMetrics * 8 + ticketMetrics * 64
        let shardSlotSteps = Double(min(m.shardSize, m.replications)) * Double(m.slots)
        let sketch = 60 + 3 * min(1_500, shardSlotSteps)
        let partials = Double(m.replications) * points * perReplication + Double(plan.shards.count) * (300 + ticketMetrics * sketch)
        let histogramRows = m.outputs.histogramWrite.writes(pointCount: plan.points.count) ? Double(m.outputs.histogramBins) : 0
        let perPoint = Double(layout.allNames.count) * (240 + 40 * histogramRows) + pathMetrics * (pathMetrics - 1) / 2 * 35
        return partials + points * perPoint
    }

    /// Why a simulator of these parameters should not be built just to time it, if so: the
    /// lookahead ring takes `24 (L + 1)` bytes per path.
    static func tooLargeToCalibrate(_ parameters: ModelParameters) -> String? {
        let delay = parameters.delay
        if delay > 10_000_000 { return "a lookahead of \(delay) slots" }
        return nil
    }

    /// Slot-steps per second of one worker, from rounds of `batch` paths whose horizon doubles
    /// until the paths are whole or the next round would overrun `budget`; the setup time of a
    /// simulator; the time to encode the last round's partial.
    ///
    /// The batch is the one a run uses: the cost of a slot-step depends on it (vector kernels
    /// serve 8 paths at a time).
    static func calibrate(_ full: SimulationSetup, batch: Int, budget: Double) -> (rate: Double, setup: Double, partial: Double) {
        let started = Date()
        let warmup = full.parameters.effectiveWarmup
        let total = warmup + full.slots
        func setup(horizon: Int) -> SimulationSetup {
            var s = full
            if horizon < total {
                // Cut the warmup and the measured slots in proportion, at least one measured slot.
                let w = min(warmup, Int((Double(warmup) * Double(horizon) / Double(total)).rounded()))
                s.parameters.warmup = w
                s.slots = max(1, horizon - w)
            }
            return s
        }
        let runner = ShardRunner(batchSize: batch)
        let shard = ShardSpec(index: 0, point: full.point, firstReplication: 0, count: batch)
        var horizon = 64
        var simulator = BatchSimulator(setup: setup(horizon: horizon), batchCapacity: batch)
        let setupSeconds = Date().timeIntervalSince(started)
        let beliefs = simulator.beliefs
        var rate = 0.0
        var partial = 0.0
        while true {
            let began = Date()
            let result = runner.run(shard, simulator: simulator)
            let elapsed = max(Date().timeIntervalSince(began), 1e-6)
            let perPath = simulator.setup.parameters.effectiveWarmup + simulator.setup.slots
            rate = Double(batch * perPath) / elapsed
            let encoding = Date()
            _ = PartialFile(manifestDigest: "", shard: shard, started: 0, seconds: 0, host: "", result: result).encoded()
            partial = Date().timeIntervalSince(encoding)
            if horizon >= total || Date().timeIntervalSince(started) + 2.2 * elapsed > budget { break }
            horizon *= 2
            simulator = BatchSimulator(setup: setup(horizon: horizon), batchCapacity: batch, beliefs: beliefs)
        }
        return (rate, setupSeconds, partial)
    }
}
