/// The order in which a sweep numbers its points (SPEC.md): row-major over the grid axes (the
/// first slowest), then the zip, then the sample (fastest). The planner and the report both
/// read a point's position from its number through this one function.
public enum PointOrder {
    /// Where point `index` lies: its level on each grid axis (sizes `gridSizes`), its zip row
    /// (of `zipCount`) and its sample row (of `sampleCount`). O(grid axes).
    public static func position(
        of index: Int, gridSizes: [Int], zipCount: Int, sampleCount: Int
    ) -> (grid: [Int], zip: Int, sample: Int) {
        var rest = index
        let s = rest % sampleCount
        rest /= sampleCount
        let z = rest % zipCount
        rest /= zipCount
        var g = [Int](repeating: 0, count: gridSizes.count)
        for a in stride(from: gridSizes.count - 1, through: 0, by: -1) {
            g[a] = rest % gridSizes[a]
            rest /= gridSizes[a]
        }
        return (g, z, s)
    }
}
