extension SweepPlan {
    /// The baseline point of point `index` under `outputs.differences` (`nil` when not asked
    /// for): the one baseline point, or the point with the baseline's grid values and zip position
    /// and the point's own other coordinates (sample row included). O(grid axes).
    public func baseline(ofPoint index: Int) -> Int? {
        guard let spec = settings.outputs.differences else { return nil }
        switch spec.baseline {
        case .point(let p):
            return p
        case .coordinates(let grid, let zip):
            var c = design.coordinates(ofPoint: index)
            for (a, value) in grid.enumerated() where a < c.grid.count {
                if let value { c.grid[a] = value }
            }
            if let zip { c.zip = zip }
            return design.point(at: c)
        }
    }
}
