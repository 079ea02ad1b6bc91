/// One problem with a manifest, at a position when there is one.
///
/// `description` is the compiler-style line that `ticketsweep validate` prints:
/// `FILE:LINE:COLUMN: error: MESSAGE`, or `FILE: error: MESSAGE` without a position.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var mark: SourceMark?
    public var message: String

    public init(file: String, mark: SourceMark?, message: String) {
        self.file = file
        self.mark = mark
        self.message = message
    }

    public var description: String {
        let place = file.isEmpty ? "" : file
        if let mark {
            return "\(place):\(mark.line):\(mark.column): error: \(message)"
        }
        return place.isEmpty ? "error: \(message)" : "\(place): error: \(message)"
    }
}

/// Every problem found in one manifest, sorted by position (problems without one first).
public struct ManifestProblems: Error, Sendable, CustomStringConvertible {
    public var errors: [ManifestError]
    /// Problems found but not listed (beyond `ProblemList.limit`).
    public var omitted: Int

    /// Keeps the errors sorted by position (those without one first), exact repeats removed.
    public init(errors: [ManifestError], omitted: Int = 0) {
        self.errors = ManifestProblems.ordered(errors)
        self.omitted = omitted
    }

    /// One line per error, and a last line counting those not listed.
    public var description: String {
        var lines = errors.map(\.description)
        if omitted > 0 {
            let file = errors.first?.file ?? ""
            lines.append(ManifestError(file: file, mark: nil, message: "\(omitted) more problems are not listed; fix the ones above and check again").description)
        }
        return lines.joined(separator: "\n")
    }

    /// Sorted by position, file-level problems first, exact repeats removed.
    static func ordered(_ errors: [ManifestError]) -> [ManifestError] {
        var seen = Set<ManifestError>()
        let unique = errors.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { a, b in
            switch (a.element.mark, b.element.mark) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x == y ? a.offset < b.offset : x < y
            }
        }.map(\.element)
    }
}

/// Problems gathered while checking, before the file name is known to be attached.
///
/// At most `limit` are kept; later ones are only counted, and their messages (which may search
/// for the nearest key) are never built, so that a manifest with a million mistakes is reported
/// as fast as one with a hundred.
struct ProblemList: Error, Sendable {
    static let limit = 100

    private(set) var items: [(mark: SourceMark?, message: String)] = []
    /// Problems found beyond `limit`.
    private(set) var omitted = 0

    var isEmpty: Bool { items.isEmpty && omitted == 0 }
    var count: Int { items.count + omitted }

    mutating func add(_ message: @autoclosure () -> String, at mark: SourceMark?) {
        guard items.count < ProblemList.limit else {
            omitted += 1
            return
        }
        items.append((mark, message()))
    }

    mutating func append(contentsOf other: ProblemList) {
        let room = max(0, ProblemList.limit - items.count)
        items.append(contentsOf: other.items.prefix(room))
        omitted += other.omitted + max(0, other.items.count - room)
    }

    func errors(file: String) -> [ManifestError] {
        items.map { ManifestError(file: file, mark: $0.mark, message: $0.message) }
    }

    func problems(file: String) -> ManifestProblems {
        ManifestProblems(errors: errors(file: file), omitted: omitted)
    }
}
