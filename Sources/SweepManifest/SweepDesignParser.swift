import SweepMath
import Foundation

/// Reads `sweep` (already checked for its own keys) into a `SweepDesign` and its canonical tree.
///
/// Each axis value and each range end is checked by decoding the base with that one override, so
/// that `validate` finds bad values before any run; a value that is only valid together with
/// another axis's value must be swept as a whole map instead.
struct SweepDesignParser {
    let base: ConfigNode
    let directory: String
    /// Whether the base itself is valid (per-value checks are skipped otherwise, to avoid repeats).
    let checkValues: Bool
    var problems = ProblemList()

    /// Largest `{from, to, steps}` axis whose every value is decoded; longer ones check their ends.
    static let checkedStepsLimit = 1000

    private struct Claim {
        var path: ParameterPath
        var steps: [SchemaPaths.Step]
        var section: String
        var mark: SourceMark?
    }
    private var claims: [Claim] = []
    /// The declared sweep is over `ManifestSchema.maxPoints`: `{from, to, steps}` axes give only
    /// their ends (still checked), not every value.
    private var tooLarge = false
    /// `{from, to, steps}` axes of more steps than this give only their ends (`nil`: no limit).
    /// The loader parses with a limit first, so that a manifest with mistakes is refused without
    /// expanding an axis of a million steps, and again without one when there are none.
    var expandLimit: Int?
    /// The step counts of the axes cut to their ends, by path.
    private(set) var truncated: [ParameterPath: Int] = [:]

    init(base: ConfigNode, directory: String, checkValues: Bool) {
        self.base = base
        self.directory = directory
        self.checkValues = checkValues
    }

    mutating func parse(_ sweep: ConfigNode?) -> (design: SweepDesign, canonical: ConfigNode?) {
        guard let sweep else { return (SweepDesign(grid: [], zip: [], sample: nil), nil) }
        // Counted before any `{from, to, steps}` axis is expanded: two axes of a million steps
        // each are valid alone, and expanding them only to refuse their product costs seconds.
        let declared = Self.declaredPoints(sweep)
        if declared > Double(ManifestSchema.maxPoints) {
            tooLarge = true
            problems.add("the sweep has \(ScalarText.number(declared)) points; at most \(ManifestSchema.maxPoints) are allowed", at: sweep.mark)
        }
        let grid = axes(sweep["grid"], section: "grid")
        let zipNode = sweep["zip"]
        // A zip axis may repeat a value (its points differ in another axis); a zip of one axis
        // may not, and neither may the zip's tuples.
        let zip = axes(zipNode, section: "zip", distinctValues: (zipNode?.entries?.count ?? 0) <= 1)
        let cut = truncated
        let length = { (axis: Axis) in cut[axis.path] ?? axis.values.count }
        if let first = zip.first {
            var equalLengths = true
            for axis in zip.dropFirst() where length(axis) != length(first) {
                equalLengths = false
                problems.add("zip axes must have equal lengths: '\(first.path)' has \(length(first)) values, '\(axis.path)' has \(length(axis))", at: axis.mark)
            }
            if equalLengths && zip.count > 1 { checkDistinctTuples(zip) }
        }
        let sample = sweep["sample"].flatMap { self.sample($0) }
        checkOverlaps()

        var total = grid.reduce(1.0) { $0 * Double(length($1)) }
        total *= Double(zip.first.map(length) ?? 1) * Double(sample?.rowCount ?? 1)
        if !tooLarge && total > Double(ManifestSchema.maxPoints) {
            problems.add("the sweep has \(ScalarText.number(total)) points; at most \(ManifestSchema.maxPoints) are allowed", at: sweep.mark)
        }

        var canonical: [ConfigEntry] = []
        func axesNode(_ axes: [Axis]) -> ConfigNode {
            ConfigNode(.map(axes.map { ConfigEntry(key: $0.path.description, value: ConfigNode(.list($0.values))) }))
        }
        if !grid.isEmpty { canonical.append(ConfigEntry(key: "grid", value: axesNode(grid))) }
        if !zip.isEmpty { canonical.append(ConfigEntry(key: "zip", value: axesNode(zip))) }
        if let sample {
            let ranges = sample.ranges.map {
                ConfigEntry(key: $0.path.description, value: ConfigNode(.list([ConfigNode(.number($0.low)), ConfigNode(.number($0.high))])))
            }
            canonical.append(ConfigEntry(key: "sample", value: ConfigNode(.object([
                ("method", .string(sample.method.rawValue)), ("points", .number(Double(sample.points))), ("ranges", .map(ranges)),
            ]))))
        }
        return (SweepDesign(grid: grid, zip: zip, sample: sample), ConfigNode(.map(canonical)))
    }

    /// Refuses a zip whose points repeat: the same value of every axis at two positions.
    private mutating func checkDistinctTuples(_ zip: [Axis]) {
        var seen: [[String]: Int] = [:]
        for i in zip[0].labels.indices {
            let tuple = zip.map { $0.labels[i] }
            if let first = seen[tuple] {
                let point = zip.map { "\($0.path): \($0.labels[i])" }.joined(separator: ", ")
                problems.add("the zip gives the point {\(point)} twice (values \(first + 1) and \(i + 1))", at: zip[0].values[i].mark ?? zip[0].mark)
            } else {
                seen[tuple] = i
            }
        }
    }

    /// The axes of `grid` or `zip`; `distinctValues`: an axis may not give a value twice.
    private mutating func axes(_ node: ConfigNode?, section: String, distinctValues: Bool = true) -> [Axis] {
        var result: [Axis] = []
        for entry in node?.entries ?? [] {
            guard let (path, resolved) = target(entry, section: section) else { continue }
            guard let values = axisValues(entry.value, path: path, type: resolved.type) else { continue }
            let axis = Axis(path: path, values: values.map(EmpiricalPaths.absolute(path: path, directory: directory)),
                            mark: entry.keyMark, labels: [])
            var labeled = axis
            labeled.labels = axis.values.map(CanonicalYAML.label)
            var seen: [String: Int] = [:]
            for (i, text) in labeled.labels.enumerated() where distinctValues {
                if let first = seen[text] {
                    problems.add("sweep axis '\(path)' gives \(text) twice (values \(first + 1) and \(i + 1))", at: values[i].mark ?? entry.keyMark)
                } else {
                    seen[text] = i
                }
            }
            result.append(labeled)
        }
        return result
    }

    /// Parses and resolves the path of an axis or range; `nil` after recording why it is unusable.
    private mutating func target(_ entry: ConfigEntry, section: String) -> (ParameterPath, SchemaPaths.Resolved)? {
        let path: ParameterPath
        do {
            path = try ParameterPath(parsing: entry.key)
        } catch {
            problems.add(error.message, at: entry.keyMark)
            return nil
        }
        switch SchemaPaths.resolve(path, in: base) {
        case .failure(let problem):
            problems.add(problem.message, at: entry.keyMark)
            return nil
        case .success(let resolved):
            if resolved.endsAtTag {
                let parent = ParameterPath(components: Array(path.components.dropLast()))
                problems.add("cannot sweep '\(path)' alone: sweep '\(parent)' with whole maps, such as {\(path.components.last.map(Self.keyText) ?? ""): ..., ...}", at: entry.keyMark)
                return nil
            }
            if resolved.touchesNames {
                problems.add("cannot sweep '\(path)': buyer classes and their names are fixed; sweep a class's fields, such as 'buyers[\(Self.firstClass(base))].count'", at: entry.keyMark)
                return nil
            }
            claims.append(Claim(path: path, steps: resolved.steps, section: section, mark: entry.keyMark))
            return (path, resolved)
        }
    }

    /// A list, `{values: [...]}`, or `{from, to, steps, scale}`.
    private mutating func axisValues(_ node: ConfigNode, path: ParameterPath, type: SchemaType) -> [ConfigNode]? {
        let name = "sweep axis '\(path)'"
        var values: [ConfigNode]
        if let list = node.list {
            values = list
        } else if let entries = node.entries, entries.contains(where: { $0.key == "values" }) {
            for extra in entries where extra.key != "values" {
                problems.add("\(name) has 'values' and '\(extra.key)'; give either a list of values or {from, to, steps, scale}", at: extra.keyMark)
            }
            guard let list = node["values"]?.list else {
                problems.add("\(name): values must be a list; got \(node["values"]!.kindDescription)", at: node["values"]?.mark)
                return nil
            }
            values = list
        } else if node.entries != nil {
            guard let generated = steps(node, path: path, type: type) else { return nil }
            values = generated
        } else {
            problems.add("\(name) must be a list of values or {from, to, steps, scale}; got \(node.kindDescription)", at: node.mark)
            return nil
        }
        if values.isEmpty {
            problems.add("\(name) is empty; give at least one value", at: node.mark)
            return nil
        }
        if checkValues {
            let generated = node.list == nil && node["values"] == nil
            let checked = generated && values.count > Self.checkedStepsLimit ? [values.first!, values.last!] : values
            for value in checked { check(value, at: path) }
        }
        return values
    }

    /// The values of a `{from, to, steps, scale}` axis.
    private mutating func steps(_ node: ConfigNode, path: ParameterPath, type: SchemaType) -> [ConfigNode]? {
        let spec = SchemaType.object(ObjectSchema(fields: [
            Field("from", .number(.any), .required, "first value"),
            Field("to", .number(.any), .required, "last value"),
            Field("steps", .integer(low: 2, high: Double(ManifestSchema.maxPoints)), .required, "number of values"),
            Field("scale", .choice(["linear", "log"]), .defaulted(.string("linear")), "spacing"),
        ]))
        var validator = SchemaValidator()
        let filled = validator.check(node, spec, path: "sweep axis '\(path)'")
        problems.append(contentsOf: validator.problems)
        // Read one field at a time: a single guard over the chained optionals crashes the Swift
        // 6.3.1 optimiser (CopyPropagation ownership error) in release builds.
        guard validator.problems.isEmpty else { return nil }
        let fromNode: ConfigNode? = filled["from"]
        let toNode: ConfigNode? = filled["to"]
        let stepsNode: ConfigNode? = filled["steps"]
        guard let from = fromNode?.number, let to = toNode?.number, let stepCount = stepsNode?.number,
              let count = Int(exactly: stepCount) else { return nil }
        guard type.isNumeric else {
            problems.add("sweep axis '\(path)' has {from, to, steps} but '\(path)' is not a number (\(Self.typeName(type))); list its values", at: node.mark)
            return nil
        }
        let log = filled["scale"]?.string == "log"
        if log && !(from > 0 && to > 0) {
            problems.add("sweep axis '\(path)' has scale log, which needs from and to > 0", at: node.mark)
            return nil
        }
        if tooLarge || count > (expandLimit ?? Int.max) {
            // Only the ends, which are still checked: the sweep is refused for its size, or the
            // loader expands the axis once the manifest has no other problem.
            if !tooLarge { truncated[path] = count }
            return [from, to].map { ConfigNode(.number(type.isInteger ? $0.rounded() : $0), mark: node.mark) }
        }
        return (0..<count).map { i in
            var x: Double
            if i == 0 { x = from } else if i == count - 1 { x = to } else {
                let t = Double(i) / Double(count - 1)
                x = log ? Elementary.exp(Elementary.log(from) + t * (Elementary.log(to) - Elementary.log(from))) : from + t * (to - from)
                x = type.isInteger ? x : (Double(String(format: "%.12g", x)) ?? x)
            }
            if type.isInteger { x = x.rounded() }
            return ConfigNode(.number(x), mark: node.mark)
        }
    }

    // Unoptimised on purpose: Swift 6.3.1 crashes compiling this function with -O (checked
    // 2026-12-02): "Found outside of lifetime use?!" in the CopyPropagation pass's ownership
    // verification, on a switch over a borrowed `ConfigNode`. It runs once per manifest.
    @_optimize(none)
    private mutating func sample(_ node: ConfigNode) -> SampleDesign? {
        var ranges: [SampleRange] = []
        for entry in node["ranges"]?.entries ?? [] {
            guard let (path, resolved) = target(entry, section: "sample") else { continue }
            guard resolved.type.isNumeric else {
                problems.add("sample range '\(path)' needs a numeric parameter; '\(path)' is \(Self.typeName(resolved.type))", at: entry.keyMark)
                continue
            }
            guard let pair = entry.value.list, pair.count == 2, let low = pair[0].number, let high = pair[1].number,
                  low.isFinite, high.isFinite, low < high else {
                problems.add("sample range '\(path)' must be [low, high] with low < high; got \(CanonicalYAML.flow(entry.value))", at: entry.value.mark)
                continue
            }
            if checkValues {
                check(pair[0], at: path)
                check(pair[1], at: path)
            }
            ranges.append(SampleRange(path: path, low: low, high: high, integer: resolved.type.isInteger, mark: entry.keyMark))
        }
        guard let points = node["points"]?.number.flatMap({ Int(exactly: $0) }),
              let method = node["method"]?.string.flatMap(SampleMethod.init(rawValue:)) else { return nil }
        if ranges.isEmpty && (node["ranges"]?.entries?.isEmpty ?? false) {
            problems.add("sweep.sample.ranges is empty; give at least one 'path: [low, high]'", at: node["ranges"]?.mark)
        }
        return SampleDesign(method: method, points: points, ranges: ranges)
    }

    /// The number of points `sweep` asks for, from the sizes written (a list's length, `steps`,
    /// `points`); a size that is not a valid count counts as 1, as its own check reports it.
    static func declaredPoints(_ sweep: ConfigNode) -> Double {
        func size(_ node: ConfigNode) -> Double {
            if let list = node.list ?? node["values"]?.list { return Double(max(list.count, 1)) }
            guard let steps = node["steps"]?.number, steps >= 1, steps <= Double(ManifestSchema.maxPoints),
                  steps == steps.rounded() else { return 1 }
            return steps
        }
        var total = (sweep["grid"]?.entries ?? []).reduce(1.0) { $0 * size($1.value) }
        total *= sweep["zip"]?.entries?.first.map { size($0.value) } ?? 1
        if let points = sweep["sample"]?["points"]?.number, points >= 1, points <= Double(ManifestSchema.maxPoints), points == points.rounded() {
            total *= points
        }
        return total
    }

    /// Decodes the base with this one override and records what is wrong.
    private mutating func check(_ value: ConfigNode, at path: ParameterPath) {
        if case .failure(let found) = ModelDecoder.decode(base: base, overrides: [(path, value)], directory: directory) {
            problems.append(contentsOf: found)
        }
    }

    /// A parameter may be swept once, in one of grid, zip and sample, and not inside another swept one.
    private mutating func checkOverlaps() {
        for (j, later) in claims.enumerated() {
            for earlier in claims[..<j] {
                let where_ = earlier.section == later.section ? "" : " (in \(earlier.section) and \(later.section))"
                if earlier.steps == later.steps {
                    let same = earlier.path == later.path ? "'\(later.path)' is swept twice" : "'\(earlier.path)' and '\(later.path)' name the same parameter"
                    problems.add("\(same)\(where_); a parameter may be in only one of grid, zip and sample", at: later.mark)
                } else if earlier.steps.starts(with: later.steps) || later.steps.starts(with: earlier.steps) {
                    let (inner, outer) = earlier.steps.count > later.steps.count ? (earlier, later) : (later, earlier)
                    problems.add("'\(inner.path)' is inside '\(outer.path)', which is also swept\(where_); sweep one of them", at: later.mark)
                }
            }
        }
    }

    private static func keyText(_ component: ParameterPath.Component) -> String {
        if case .key(let key) = component { return key }
        return ""
    }

    private static func firstClass(_ base: ConfigNode) -> String {
        base["buyers"]?.list?.first?["name"]?.string ?? "0"
    }

    static func typeName(_ type: SchemaType) -> String {
        switch type {
        case .number, .integer, .numberOrChoice: "a number"
        case .bool: "true or false"
        case .string, .choice: "a string"
        case .choiceOrObject: "a string or a map"
        case .object, .tagged, .exactlyOne, .pathMap: "a map"
        case .list, .allOrNames: "a list"
        case .pointOrPathMap: "a point number or a map"
        }
    }
}
