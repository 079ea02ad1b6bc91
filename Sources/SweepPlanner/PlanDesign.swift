import SweepCore

/// One value of a swept axis as the manifest wrote it, for `run.json`'s `design`: JSON's data
/// model, with every number a `Double`.
public indirect enum AxisValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([AxisValue])
    case map([String: AxisValue])
}

/// What varies between the points of a plan, as plain values: the grid axes (crossed), the zip
/// axes (moving together), the random sample (crossed with both), with the text of every
/// value for the tables. Built by the manifest layer.
///
/// Point order is row-major over `[grid axis 0 (slowest), …, grid axis k-1, zip index, sample
/// index (fastest)]`. Coordinates and labels are computed from a point's index on access
/// (O(axes)); nothing is stored per point but the sample's rows.
public struct PlanDesign: Sendable {
    /// A grid or zip axis: its parameter path, its values and their CSV cell texts, in order.
    public struct Axis: Sendable {
        public var path: String
        public var values: [AxisValue]
        public var labels: [String]

        public init(path: String, values: [AxisValue], labels: [String]) {
            self.path = path
            self.values = values
            self.labels = labels
        }
    }

    /// One numeric parameter of the sample and its range `[low, high]`.
    public struct SampleRange: Sendable {
        public var path: String
        public var low: Double
        public var high: Double
        /// Whether drawn values are rounded to integers.
        public var integer: Bool

        public init(path: String, low: Double, high: Double, integer: Bool) {
            self.path = path
            self.low = low
            self.high = high
            self.integer = integer
        }
    }

    /// A random design: `rows` points of the unit cube (`rowCount x ranges.count`, row-major),
    /// scaled into the ranges.
    public struct Sample: Sendable {
        /// The manifest's name of the method (`sobol`, `saltelli`, ...).
        public var method: String
        /// The manifest's `points` (Saltelli's design has `points x (ranges + 2)` rows).
        public var points: Int
        public var ranges: [SampleRange]
        /// Row-major, in [0, 1).
        let unitRows: [Double]
        public let rowCount: Int

        /// `rows[i][d]` is row `i`'s coordinate `d`, in [0, 1); every row has `ranges.count`.
        public init(method: String, points: Int, ranges: [SampleRange], rows: [[Double]]) {
            for row in rows { precondition(row.count == ranges.count, "a sample row has one coordinate per range") }
            self.init(method: method, points: points, ranges: ranges, unitRows: rows.flatMap { $0 })
        }

        /// `unitRows` row-major, `ranges.count` coordinates a row, each in [0, 1).
        public init(method: String, points: Int, ranges: [SampleRange], unitRows: [Double]) {
            precondition(!ranges.isEmpty && unitRows.count % ranges.count == 0, "a sample row has one coordinate per range")
            self.method = method
            self.points = points
            self.ranges = ranges
            rowCount = unitRows.count / ranges.count
            self.unitRows = unitRows
        }

        /// Row `row`'s value of range `d`: `low + u (high - low)`, rounded for an integer.
        public func value(row: Int, dimension d: Int) -> Double {
            let range = ranges[d]
            var x = range.low + unitRows[row * ranges.count + d] * (range.high - range.low)
            if range.integer { x = x.rounded() }
            return x
        }
    }

    /// A point's position: a value index per grid axis, a zip position, a sample row.
    public struct Coordinates: Sendable, Equatable {
        public var grid: [Int]
        public var zip: Int
        public var sample: Int

        public init(grid: [Int], zip: Int, sample: Int) {
            self.grid = grid
            self.zip = zip
            self.sample = sample
        }
    }

    public let grid: [Axis]
    public let zip: [Axis]
    public let sample: Sample?
    let gridSizes: [Int]
    let zipCount: Int
    let sampleCount: Int
    /// Grid points x zip length x sample rows (each factor 1 when absent).
    public let pointCount: Int

    /// The zip axes must have the same number of values (the manifest layer checks it).
    public init(grid: [Axis], zip: [Axis], sample: Sample?) {
        self.grid = grid
        self.zip = zip
        self.sample = sample
        gridSizes = grid.map(\.values.count)
        zipCount = zip.first?.values.count ?? 1
        sampleCount = sample?.rowCount ?? 1
        pointCount = gridSizes.reduce(1, *) * zipCount * sampleCount
    }

    /// The swept parameters, one per column of `points.csv`: grid axes, zip axes, sample ranges.
    public var columns: [String] {
        grid.map(\.path) + zip.map(\.path) + (sample?.ranges.map(\.path) ?? [])
    }

    /// Where point `index` (`< pointCount`) lies. O(grid axes).
    public func coordinates(ofPoint index: Int) -> Coordinates {
        let at = PointOrder.position(of: index, gridSizes: gridSizes, zipCount: zipCount, sampleCount: sampleCount)
        return Coordinates(grid: at.grid, zip: at.zip, sample: at.sample)
    }

    /// The index of the point at `c` (the inverse of `coordinates(ofPoint:)`). O(grid axes).
    public func point(at c: Coordinates) -> Int {
        var result = 0
        for a in gridSizes.indices { result = result * gridSizes[a] + c.grid[a] }
        return (result * zipCount + c.zip) * sampleCount + c.sample
    }

    /// Point `index`'s cell per column: the axis values' labels, then the drawn sample values in
    /// shortest round-trip form.
    public func labels(ofPoint index: Int) -> [String] {
        let c = coordinates(ofPoint: index)
        var labels: [String] = []
        labels.reserveCapacity(grid.count + zip.count + (sample?.ranges.count ?? 0))
        for (a, axis) in grid.enumerated() { labels.append(axis.labels[c.grid[a]]) }
        for axis in zip { labels.append(axis.labels[c.zip]) }
        if let sample {
            for d in sample.ranges.indices { labels.append(NumberFormat.text(sample.value(row: c.sample, dimension: d))) }
        }
        return labels
    }
}
