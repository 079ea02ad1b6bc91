/// A CSV table read by the rules of RFC 4180: fields separated by commas, records by CRLF or LF,
/// a field in double quotes may hold commas, line breaks and doubled quotes (`""` is one `"`).
///
/// The first record is the header. Records shorter than the header read as empty cells; a final
/// line break does not make an empty record. Reading is one pass over the UTF-8 bytes, O(size).
public struct CSVTable: Sendable, Equatable {
    public let header: [String]
    public let rows: [[String]]

    /// Parses `text`; throws when a quoted field is never closed or a quote is followed by
    /// something other than a comma or a line break.
    public init(text: String) throws(CSVTable.ParseError) {
        let records = try CSVTable.records(Array(text.utf8))
        header = records.first ?? []
        rows = Array(records.dropFirst())
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

    private static func records(_ bytes: [UInt8]) throws(ParseError) -> [[String]] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var line = 1
        var i = 0
        var atFieldStart = true
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let b = bytes[i]
            if atFieldStart && b == quote {
                // A quoted field: read to the closing quote.
                let opened = line
                i += 1
                var closed = false
                while i < bytes.count {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < bytes.count && bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if c == lf { line += 1 }
                    field.append(c)
                    i += 1
                }
                guard closed else { throw ParseError(line: opened, message: "a quoted field is never closed") }
                if i < bytes.count && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf {
                    throw ParseError(line: line, message: "text after a closing quote (a quote inside a field must be doubled)")
                }
                atFieldStart = false
                continue
            }
            atFieldStart = false
            switch b {
            case comma:
                endField()
                atFieldStart = true
            case cr, lf:
                endField()
                records.append(record)
                record.removeAll()
                atFieldStart = true
                if b == cr && i + 1 < bytes.count && bytes[i + 1] == lf { i += 1 }
                line += 1
            default:
                field.append(b)
            }
            i += 1
        }
        if !atFieldStart || !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}
