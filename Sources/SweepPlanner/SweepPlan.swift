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

/// A sweep expanded into points and shards (SPEC.md "Data flow"): the settings, the design,
/// and every point's decoded model parameters.
///
/// The manifest layer (`SweepPlan.init(_:)` in SweepManifest) checks and decodes each point
/// once, when the plan is made; the engine and the reducer read the parameters from here and
/// never see a manifest. Memory: one `ModelParameters` per point, labels and shards computed on
/// access. Measured on scripts/compare's fixed-cost design (10^5 Sobol' points, one buyer class
/// shared by all): `ticketsweep plan` peaks at 54.7 MB against 35.0 MB for the build that kept no
/// point above 65,536 and decoded them again (about 200 bytes a point), and takes 2.5-3.2 s of
/// CPU against 7.2-7.9 s.
public struct SweepPlan: Sendable {
    public let settings: SweepSettings
    public let design: PlanDesign
    public let columns: [String]
    public let points: PlanPoints
    public let shards: ShardList
    public var blocksPerPoint: Int { shards.blocksPerPoint }
    /// `parameters[p]` is point `p`'s model.
    private let parameters: [ModelParameters]

    /// A plan of `design`'s points, `parameters[p]` being point `p`'s decoded model (one per
    /// point: a mismatch is a programming error and traps).
    public init(settings: SweepSettings, design: PlanDesign, parameters: [ModelParameters]) {
        precondition(parameters.count == design.pointCount, "one decoded model per point of the design")
        self.settings = settings
        self.design = design
        self.parameters = parameters
        columns = design.columns
        points = PlanPoints(design: design)
        shards = ShardList(
            points: design.pointCount, replications: settings.replications, shardSize: settings.shardSize,
            reservedReplications: settings.precision?.maxReplications)
    }

    /// The decoded parameters of point `index`. O(1).
    public func parameters(ofPoint index: Int) -> ModelParameters { parameters[index] }

    /// The model setup of point `index`.
    public func setup(ofPoint index: Int) -> SimulationSetup {
        SimulationSetup(
            parameters: parameters[index], slots: settings.slots, seed: settings.seed,
            point: index, commonRandomNumbers: settings.commonRandomNumbers)
    }

    /// Slot-steps of the whole sweep's first round, warmup included. O(points).
    public func slotSteps() -> Double {
        var total = 0.0
        for params in parameters {
            total += Double(settings.replications) * Double(settings.slots + params.effectiveWarmup)
        }
        return total
    }
}
