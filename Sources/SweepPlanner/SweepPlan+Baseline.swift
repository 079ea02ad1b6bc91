import SweepManifest

extension SweepPlan {
    /// The baseline point of point `index` under `outputs.differences` (`nil` when not asked
    /// for): the one baseline point, or the point with the baseline's grid values and zip position
    /// and the point's own other coordinates (sample row included). O(grid axes).
    public func baseline(ofPoint index: Int) -> Int? {
        guard let spec = manifest.outputs.differences else { return nil }
        switch spec.baseline {
        case .point(let p):
            return p
        case .coordinates(let grid, let zip):
            let design = manifest.sweep
            let sizes = design.grid.map(\.values.count)
            let zipCount = design.zip.first?.values.count ?? 1
            let sampleCount = points.count / max(1, sizes.reduce(1, *) * zipCount)
            // Decompose row-major [grid axes…, zip, sample], as `GridPoints` orders them.
            var rest = index
            let s = rest % sampleCount
            rest /= sampleCount
            var z = rest % zipCount
            rest /= zipCount
            var coordinates = [Int](repeating: 0, count: sizes.count)
            for a in stride(from: sizes.count - 1, through: 0, by: -1) {
                coordinates[a] = rest % sizes[a]
                rest /= sizes[a]
            }
            for (a, value) in grid.enumerated() where a < coordinates.count {
                if let value { coordinates[a] = value }
            }
            if let zip { z = zip }
            var result = 0
            for a in 0..<sizes.count { result = result * sizes[a] + coordinates[a] }
            return (result * zipCount + z) * sampleCount + s
        }
    }
}
