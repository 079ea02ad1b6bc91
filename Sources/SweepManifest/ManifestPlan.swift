import SweepCore
import SweepPlanner
import SweepRandom
import TicketModel

/// The manifest layer's side of planning: a checked manifest becomes a `SweepPlan` of plain
/// values (settings, design, each point's `ModelParameters`), so that the planner, the engine
/// and the reducer never read a config tree.
extension SweepPlan {
    /// Expands the manifest and decodes every point once (each error names the axis value that
    /// caused it; all are reported at once).
    ///
    /// Cost: one decode of the model tree per point (validation included), O(points) time and
    /// one `ModelParameters` per point of memory; consecutive points with equal buyer classes
    /// share one array of them.
    public init(_ manifest: Manifest) throws(ManifestProblems) {
        let design = try ManifestPlan.design(manifest)
        var problems: [ManifestError] = []
        var seenMessages = Set<String>()
        var parameters: [ModelParameters] = []
        parameters.reserveCapacity(design.pointCount)
        var sharedBuyers = manifest.baseParameters.buyers
        for index in 0..<design.pointCount {
            do {
                var decoded = try ModelDecoder.parameters(
                    base: manifest.base, overrides: ManifestPlan.overrides(ofPoint: index, manifest: manifest, design: design), manifest: manifest)
                if decoded.buyers == sharedBuyers { decoded.buyers = sharedBuyers } else { sharedBuyers = decoded.buyers }
                parameters.append(decoded)
            } catch {
                for e in error.errors where seenMessages.insert(e.description).inserted { problems.append(e) }
            }
        }
        if !problems.isEmpty { throw ManifestProblems(errors: problems) }
        self.init(settings: manifest.settings, design: design, parameters: parameters)
    }
}

/// The pieces of `SweepPlan.init(_:)`: the design and each point's overrides.
enum ManifestPlan {
    /// The design as plain values, with the sample's rows drawn (seeded by the manifest's seed).
    static func design(_ manifest: Manifest) throws(ManifestProblems) -> PlanDesign {
        let sweep = manifest.sweep
        func axis(_ a: Axis) -> PlanDesign.Axis {
            PlanDesign.Axis(path: a.path.description, values: a.values.map(AxisValue.init), labels: a.labels)
        }
        var sample: PlanDesign.Sample?
        if let s = sweep.sample {
            let d = s.ranges.count
            let rows: [[Double]]
            do {
                switch s.method {
                case .sobol: rows = try DesignSampler.sobol(points: s.points, dimensions: d, seed: manifest.seed)
                case .latinHypercube: rows = try DesignSampler.latinHypercube(points: s.points, dimensions: d, seed: manifest.seed)
                case .uniform: rows = try DesignSampler.uniform(points: s.points, dimensions: d, seed: manifest.seed)
                case .saltelli: rows = try DesignSampler.saltelli(points: s.points, dimensions: d, seed: manifest.seed)
                }
            } catch {
                throw ManifestProblems(errors: [ManifestError(file: manifest.file, mark: nil, message: "sweep.sample: \(error)")])
            }
            let ranges = s.ranges.map { PlanDesign.SampleRange(path: $0.path.description, low: $0.low, high: $0.high, integer: $0.integer) }
            sample = PlanDesign.Sample(method: s.method.rawValue, points: s.points, ranges: ranges, rows: rows)
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
