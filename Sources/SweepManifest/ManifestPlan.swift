import Foundation
import SweepCore
import SweepPlanner
import SweepRandom
import TicketModel

/// The manifest layer's side of planning: a checked manifest becomes a `SweepPlan` of plain
/// values (settings, design, each point's `ModelParameters`), so that the planner, the engine
/// and the reducer never read a config tree.
extension SweepPlan {
    /// Expands the manifest and decodes every point (each error names the axis value that
    /// caused it; all are reported at once, in point order).
    ///
    /// Cost: one decode of the model tree per point (validation included, about 25 µs), on up
    /// to all cores in chunks of consecutive points; O(points) time. Memory: a design of at
    /// most `keptPointLimit` points keeps every point's `ModelParameters` (consecutive points
    /// with equal buyer classes share one array of them); a larger one keeps none, and
    /// `parameters(ofPoint:)` decodes the point again from the checked manifest (the same
    /// pure function of the manifest and the index, so the same value), so that the plan's
    /// memory does not grow with the design.
    public init(_ manifest: Manifest) throws(ManifestProblems) {
        try self.init(manifest, keptPointLimit: SweepPlan.keptPointLimit, chunkSize: 1024)
    }

    /// `init(_:)` with the kept-point limit and the decoding chunk's size given (for tests).
    init(_ manifest: Manifest, keptPointLimit: Int, chunkSize: Int) throws(ManifestProblems) {
        let design = try ManifestPlan.design(manifest)
        let count = design.pointCount
        let keep = count <= keptPointLimit
        let chunks = ManifestPlan.decodeChunks(manifest, design: design, keep: keep, chunkSize: chunkSize)
        var problems: [ManifestError] = []
        var seenMessages = Set<String>()
        var slots = 0.0
        var parameters: [ModelParameters] = []
        if keep { parameters.reserveCapacity(count) }
        for chunk in chunks {
            for e in chunk.problems where seenMessages.insert(e.description).inserted { problems.append(e) }
            slots += chunk.slots
            parameters += chunk.parameters
        }
        if !problems.isEmpty { throw ManifestProblems(errors: problems) }
        if keep {
            self.init(settings: manifest.settings, design: design, parameters: parameters)
        } else {
            self.init(
                settings: manifest.settings, design: design, models: ManifestPointModels(manifest: manifest, design: design),
                slotsOverPoints: slots)
        }
    }
}

/// The models of a checked manifest's points, decoded on demand (`SweepPlan.init(_:)` has
/// decoded each once without error, and decoding is a pure function of the manifest and the
/// point, so it cannot fail here).
struct ManifestPointModels: PointModels {
    let manifest: Manifest
    let design: PlanDesign

    func parameters(ofPoint index: Int) -> ModelParameters {
        do {
            return try ModelDecoder.parameters(
                base: manifest.base, overrides: ManifestPlan.overrides(ofPoint: index, manifest: manifest, design: design),
                manifest: manifest)
        } catch {
            preconditionFailure("point \(index) decoded when the plan was made and fails now: \(error)")
        }
    }
}

/// The pieces of `SweepPlan.init(_:)`: the design and each point's overrides.
enum ManifestPlan {
    /// The decoded points of consecutive indices `range`: their parameters (when kept), the
    /// sum of `slots + effectiveWarmup` over them, and their problems (each message once).
    struct Chunk: Sendable {
        var parameters: [ModelParameters] = []
        var slots = 0.0
        var problems: [ManifestError] = []
    }

    /// Decodes every point of `design` in chunks of consecutive points on up to all cores; the
    /// chunks in point order, so that the merged problems and parameters are those of one
    /// decode after another.
    static func decodeChunks(_ manifest: Manifest, design: PlanDesign, keep: Bool, chunkSize: Int) -> [Chunk] {
        let count = design.pointCount
        return orderedParallelMap(
            count: (count + chunkSize - 1) / chunkSize, threads: ProcessInfo.processInfo.activeProcessorCount, makeState: {}
        ) { c, _ in
            decodeChunk(manifest, design: design, range: c * chunkSize ..< min(count, (c + 1) * chunkSize), keep: keep)
        }
    }

    private static func decodeChunk(_ manifest: Manifest, design: PlanDesign, range: Range<Int>, keep: Bool) -> Chunk {
        var chunk = Chunk()
        var seenMessages = Set<String>()
        var sharedBuyers = manifest.baseParameters.buyers
        if keep { chunk.parameters.reserveCapacity(range.count) }
        for index in range {
            do {
                var decoded = try ModelDecoder.parameters(
                    base: manifest.base, overrides: overrides(ofPoint: index, manifest: manifest, design: design), manifest: manifest)
                chunk.slots += Double(manifest.settings.slots + decoded.effectiveWarmup)
                guard keep else { continue }
                if decoded.buyers == sharedBuyers { decoded.buyers = sharedBuyers } else { sharedBuyers = decoded.buyers }
                chunk.parameters.append(decoded)
            } catch {
                for e in error.errors where seenMessages.insert(e.description).inserted { chunk.problems.append(e) }
            }
        }
        return chunk
    }

    /// The design as plain values, with the sample's rows drawn (seeded by the manifest's seed).
    static func design(_ manifest: Manifest) throws(ManifestProblems) -> PlanDesign {
        let sweep = manifest.sweep
        func axis(_ a: Axis) -> PlanDesign.Axis {
            PlanDesign.Axis(path: a.path.description, values: a.values.map(AxisValue.init), labels: a.labels)
        }
        var sample: PlanDesign.Sample?
        if let s = sweep.sample {
            let d = s.ranges.count
            let rows: [Double]
            do {
                switch s.method {
                case .sobol: rows = try DesignSampler.sobolFlat(points: s.points, dimensions: d, seed: manifest.seed)
                case .latinHypercube: rows = try DesignSampler.latinHypercubeFlat(points: s.points, dimensions: d, seed: manifest.seed)
                case .uniform: rows = try DesignSampler.uniformFlat(points: s.points, dimensions: d, seed: manifest.seed)
                case .saltelli: rows = try DesignSampler.saltelliFlat(points: s.points, dimensions: d, seed: manifest.seed)
                }
            } catch {
                throw ManifestProblems(errors: [ManifestError(file: manifest.file, mark: nil, message: "sweep.sample: \(error)")])
            }
            let ranges = s.ranges.map { PlanDesign.SampleRange(path: $0.path.description, low: $0.low, high: $0.high, integer: $0.integer) }
            sample = PlanDesign.Sample(method: s.method.rawValue, points: s.points, ranges: ranges, unitRows: rows)
        }
        return PlanDesign(grid: sweep.grid.map(axis), zip: sweep.zip.map(axis), sample: sample)
    }

    /// Point `index`'s overrides of the base model: each grid axis's value, the zip values, the
    /// drawn sample values (marked where their range is written).
    static func overrides(ofPoint index: Int, manifest: Manifest, design: PlanDesign) -> [(path: ParameterPath, value: ConfigNode)] {
        let c = design.coordinates(ofPoint: index)
        let sweep = manifest.sweep
        var overrides: [(path: ParameterPath, value: ConfigNode)] = []
        for (a, axis) in sweep.grid.enumerated() { overrides.append((axis.path, axis.values[c.grid[a]])) }
        for axis in sweep.zip { overrides.append((axis.path, axis.values[c.zip])) }
        if let sample = sweep.sample, let drawn = design.sample {
            for (d, range) in sample.ranges.enumerated() {
                overrides.append((range.path, ConfigNode(value: .number(drawn.value(row: c.sample, dimension: d)), mark: range.mark)))
            }
        }
        return overrides
    }
}

extension AxisValue {
    /// A manifest value without its positions.
    init(_ node: ConfigNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let x): self = .number(x)
        case .string(let s): self = .string(s)
        case .list(let items): self = .list(items.map(AxisValue.init))
        case .map(let entries):
            var d: [String: AxisValue] = [:]
            for e in entries { d[e.key] = AxisValue(e.value) }
            self = .map(d)
        }
    }
}
