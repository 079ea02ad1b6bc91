import SweepCore
import TicketModel

/// A point of a plan: its index and the text of each swept column.
public struct PlanPoint: Sendable {
    public var index: Int
    /// One cell per column of `SweepPlan.columns`.
    public var labels: [String]
}

/// The points of a plan, their labels computed from their index on access.
public struct PlanPoints: RandomAccessCollection, Sendable {
    let design: PlanDesign

    public var startIndex: Int { 0 }
    public var endIndex: Int { design.pointCount }

    public subscript(index: Int) -> PlanPoint {
        PlanPoint(index: index, labels: design.labels(ofPoint: index))
    }
}

/// Where a plan's points get their decoded model parameters: each point's `ModelParameters`,
/// computed or looked up from its index. Called from any thread (the run's workers, the
/// reducer's), so it must be a pure function of the index.
public protocol PointModels: Sendable {
    /// Point `index`'s model (0 ..< the design's point count).
    func parameters(ofPoint index: Int) -> ModelParameters
}

/// Every point's parameters, decoded once and kept (`parameters[p]` is point `p`'s).
public struct KeptPointModels: PointModels {
    public let parameters: [ModelParameters]
    public init(_ parameters: [ModelParameters]) { self.parameters = parameters }
    public func parameters(ofPoint index: Int) -> ModelParameters { parameters[index] }
}

/// A sweep expanded into points and shards (SPEC.md "Data flow"): the settings, the design,
/// and where every point's decoded model parameters come from.
///
/// The manifest layer (`SweepPlan.init(_:)` in SweepManifest) checks and decodes each point
/// when the plan is made; the engine and the reducer read the parameters from here and never
/// see a manifest. Memory: small designs keep every point's `ModelParameters` (about 240 bytes
/// a point); large ones (`SweepPlan.keptPointLimit`) keep none and decode a point again from
/// the checked manifest when it is asked for, so that memory does not grow with the design
/// (labels and shards are computed on access as well).
public struct SweepPlan: Sendable {
    public let settings: SweepSettings
    public let design: PlanDesign
    public let columns: [String]
    public let points: PlanPoints
    public let shards: ShardList
    public var blocksPerPoint: Int { shards.blocksPerPoint }
    private let models: any PointModels
    /// `sum over points of (slots + warmup)`: the slot-steps of one replication of every point.
    private let slotsOverPoints: Double

    /// Designs of more points than this keep no decoded point (`SweepPlan.init(_:)` in
    /// SweepManifest decodes them again on demand); smaller ones keep them all.
    public static let keptPointLimit = 8192

    /// A plan of `design`'s points, `parameters[p]` being point `p`'s decoded model (one per
    /// point: a mismatch is a programming error and traps).
    public init(settings: SweepSettings, design: PlanDesign, parameters: [ModelParameters]) {
        precondition(parameters.count == design.pointCount, "one decoded model per point of the design")
        var slots = 0.0
        for params in parameters { slots += Double(settings.slots + params.effectiveWarmup) }
        self.init(settings: settings, design: design, models: KeptPointModels(parameters), slotsOverPoints: slots)
    }

    /// A plan whose points' models come from `models`; `slotsOverPoints` is the sum over the
    /// points of `slots + effectiveWarmup` (what `slotSteps()` multiplies by the replications).
    public init(settings: SweepSettings, design: PlanDesign, models: any PointModels, slotsOverPoints: Double) {
        self.settings = settings
        self.design = design
        self.models = models
        self.slotsOverPoints = slotsOverPoints
        columns = design.columns
        points = PlanPoints(design: design)
        shards = ShardList(
            points: design.pointCount, replications: settings.replications, shardSize: settings.shardSize,
            reservedReplications: settings.precision?.maxReplications)
    }

    /// The decoded parameters of point `index`: O(1) when the plan keeps them, one decode of
    /// the point (tens of microseconds) when it does not.
    public func parameters(ofPoint index: Int) -> ModelParameters { models.parameters(ofPoint: index) }

    /// The model setup of point `index`.
    public func setup(ofPoint index: Int) -> SimulationSetup {
        SimulationSetup(
            parameters: parameters(ofPoint: index), slots: settings.slots, seed: settings.seed,
            point: index, commonRandomNumbers: settings.commonRandomNumbers)
    }

    /// Slot-steps of the whole sweep's first round, warmup included. O(1).
    public func slotSteps() -> Double { Double(settings.replications) * slotsOverPoints }
}
