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

    /// Keeps the errors sorted by position (those without one first), exact repeats removed.
    public init(errors: [ManifestError]) {
        self.errors = ManifestProblems.ordered(errors)
    }

    /// One line per error.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
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
struct ProblemList: Error, Sendable {
    private(set) var items: [(mark: SourceMark?, message: String)] = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    mutating func add(_ message: String, at mark: SourceMark?) {
        items.append((mark, message))
    }

    mutating func append(contentsOf other: ProblemList) {
        items.append(contentsOf: other.items)
    }

    func errors(file: String) -> [ManifestError] {
        items.map { ManifestError(file: file, mark: $0.mark, message: $0.message) }
    }

    func problems(file: String) -> ManifestProblems {
        ManifestProblems(errors: errors(file: file))
    }
}
