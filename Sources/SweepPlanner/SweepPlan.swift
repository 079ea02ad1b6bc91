import SweepCore
import SweepManifest
import SweepRandom
import TicketModel

/// A grid point: its overrides of the base model and the text of each swept column.
public struct GridPoint: Sendable {
    public var index: Int
    public var overrides: [(path: ParameterPath, value: ConfigNode)]
    /// One cell per column of `SweepPlan.columns`.
    public var labels: [String]
}

/// The grid points of a plan, computed from their index on access: nothing is stored per point,
/// so memory does not grow with the size of the grid.
public struct GridPoints: RandomAccessCollection, Sendable {
    let design: SweepDesign
    /// `[point in sample][dimension]`, in [0, 1).
    let sampleRows: [[Double]]
    let gridSizes: [Int]
    let zipCount: Int
    let sampleCount: Int
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    init(design: SweepDesign, sampleRows: [[Double]]) {
        self.design = design
        self.sampleRows = sampleRows
        gridSizes = design.grid.map(\.values.count)
        zipCount = design.zip.first?.values.count ?? 1
        sampleCount = design.sample == nil ? 1 : sampleRows.count
        count = gridSizes.reduce(1, *) * zipCount * sampleCount
    }

    /// Point `index`: row-major over `[grid axis 0, …, grid axis k-1, zip, sample]`.
    public subscript(index: Int) -> GridPoint {
        var rest = index
        let s = rest % sampleCount
        rest /= sampleCount
        let z = rest % zipCount
        rest /= zipCount
        var gridIndex = [Int](repeating: 0, count: gridSizes.count)
        for a in stride(from: gridSizes.count - 1, through: 0, by: -1) {
            gridIndex[a] = rest % gridSizes[a]
            rest /= gridSizes[a]
        }
        var overrides: [(path: ParameterPath, value: ConfigNode)] = []
        var labels: [String] = []
        for (a, axis) in design.grid.enumerated() {
            overrides.append((axis.path, axis.values[gridIndex[a]]))
            labels.append(axis.labels[gridIndex[a]])
        }
        for axis in design.zip {
            overrides.append((axis.path, axis.values[z]))
            labels.append(axis.labels[z])
        }
        if let sample = design.sample {
            for (d, range) in sample.ranges.enumerated() {
                var x = range.low + sampleRows[s][d] * (range.high - range.low)
                if range.integer { x = x.rounded() }
                overrides.append((range.path, ConfigNode(value: .number(x), mark: range.mark)))
                labels.append(NumberFormat.text(x))
            }
        }
        return GridPoint(index: index, overrides: overrides, labels: labels)
    }
}

/// The expansion of a manifest into grid points and shards (SPEC.md "Data flow").
///
/// Point order is row-major over `[grid axis 0 (slowest), …, grid axis k-1, zip index, sample
/// index (fastest)]`; columns are the grid axes in manifest order, then the zip axes, then the
/// sample ranges. Points and shards are computed on access, not stored.
public struct SweepPlan: Sendable {
    public let manifest: Manifest
    public let columns: [String]
    public let points: GridPoints
    public let shards: ShardList
    public var blocksPerPoint: Int { shards.blocksPerPoint }

    /// Expands and validates every point (each is decoded once; errors name the axis value that
    /// caused them).
    public init(_ manifest: Manifest) throws(ManifestProblems) {
        self.manifest = manifest
        let design = manifest.sweep
        var columns = design.grid.map(\.path.description) + design.zip.map(\.path.description)
        var sampleRows: [[Double]] = []
        if let sample = design.sample {
            columns += sample.ranges.map(\.path.description)
            do {
                let d = sample.ranges.count
                switch sample.method {
                case .sobol: sampleRows = try DesignSampler.sobol(points: sample.points, dimensions: d, seed: manifest.seed)
                case .latinHypercube: sampleRows = try DesignSampler.latinHypercube(points: sample.points, dimensions: d, seed: manifest.seed)
                case .uniform: sampleRows = try DesignSampler.uniform(points: sample.points, dimensions: d, seed: manifest.seed)
                }
            } catch {
                throw ManifestProblems(errors: [ManifestError(file: manifest.file, mark: nil, message: "sweep.sample: \(error)")])
            }
        }
        self.columns = columns
        let points = GridPoints(design: design, sampleRows: sampleRows)
        var problems: [ManifestError] = []
        var seenMessages = Set<String>()
        let keep = points.count <= SweepPlan.decodedPointLimit
        var decoded: [ModelParameters] = []
        if keep { decoded.reserveCapacity(points.count) }
        for point in points {
            do {
                let parameters = try ModelDecoder.parameters(base: manifest.base, overrides: point.overrides, manifest: manifest)
                if keep { decoded.append(parameters) }
            } catch {
                for e in error.errors where seenMessages.insert(e.description).inserted { problems.append(e) }
            }
        }
        if !problems.isEmpty { throw ManifestProblems(errors: problems) }
        self.decoded = keep ? decoded : nil
        self.points = points
        shards = ShardList(points: points.count, replications: manifest.replications, shardSize: manifest.shardSize)
    }

    /// Plans of at most this many points keep every point's decoded parameters (about a
    /// kilobyte each); larger ones decode a point again when it is asked for, so that the plan's
    /// memory stays bounded.
    public static let decodedPointLimit = 1 << 16

    /// The parameters of every point, decoded once when the plan was made (`nil` above
    /// `decodedPointLimit` points).
    let decoded: [ModelParameters]?

    /// The decoded parameters of point `index` (validated when the plan was made; kept from
    /// then, or decoded again for plans above `decodedPointLimit` points).
    public func parameters(ofPoint index: Int) throws(ManifestProblems) -> ModelParameters {
        if let decoded { return decoded[index] }
        return try ModelDecoder.parameters(base: manifest.base, overrides: points[index].overrides, manifest: manifest)
    }

    /// The model setup of point `index`.
    public func setup(ofPoint index: Int) throws(ManifestProblems) -> SimulationSetup {
        SimulationSetup(
            parameters: try parameters(ofPoint: index), slots: manifest.slots, seed: manifest.seed,
            point: index, commonRandomNumbers: manifest.commonRandomNumbers)
    }

    /// Slot-steps of the whole sweep, warmup included.
    public func slotSteps() throws(ManifestProblems) -> Double {
        var total = 0.0
        for p in points.indices {
            let params = try parameters(ofPoint: p)
            total += Double(manifest.replications) * Double(manifest.slots + params.effectiveWarmup)
        }
        return total
    }
}
