import CSV

/// A CSV table read by the rules of RFC 4180 with yaslab/CSV.swift's `CSVReader`: fields
/// separated by commas, records by CRLF or LF, a field in double quotes may hold commas, line
/// breaks and doubled quotes (`""` is one `"`). The only file that imports CSV.
///
/// The first record is the header. Records shorter than the header read as empty cells; a final
/// line break does not make an empty record, a blank line is a record of one empty field.
/// Reading is one pass over the text's Unicode scalars, O(size).
public struct CSVTable: Sendable, Equatable {
    public let header: [String]
    public let rows: [[String]]
    /// The 1-based line on which each of `rows` starts (a quoted line break moves the next ones).
    public let rowLines: [Int]

    /// Parses `text`; throws when a quoted field is never closed (the reader would take the rest
    /// of the text as that field). Text after a closing quote is kept, not reported: the reader
    /// does not check it.
    public init(text: String) throws(CSVTable.ParseError) {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text)
        } catch {
            throw ParseError(line: 1, message: "\(error)")
        }
        var records: [[String]] = []
        var lines: [Int] = []
        var line = 1
        while let record = reader.next() {
            records.append(record)
            lines.append(line)
            line += 1
            for field in record { line += field.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } }
        }
        if let error = reader.error { throw ParseError(line: line, message: "\(error)") }
        // Quotes come in pairs (open and close, or a doubled one) unless a quoted field is left open.
        if text.utf8.reduce(0, { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }) % 2 == 1 {
            throw ParseError(line: lines.last ?? 1, message: "a quoted field is never closed")
        }
        header = records.first ?? []
        rows = Array(records.dropFirst())
        rowLines = Array(lines.dropFirst())
    }

    /// A malformed table: what went wrong and on which line (1-based).
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The position of a header column, if any.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The cell of `row` in column `index`, or "" when the record is short.
    public func cell(_ row: [String], _ index: Int) -> String { index < row.count ? row[index] : "" }

    /// A cell as a number: the table's own `nan`, `inf` and `-inf` spellings are read (as are
    /// `NaN`, `Infinity`); an empty or non-numeric cell reads as `nil`.
    public static func number(_ text: String) -> Double? {
        switch text.lowercased() {
        case "": return nil
        case "nan", "-nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return Double(text)
        }
    }
}
