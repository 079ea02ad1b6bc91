import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweepCore
import TicketModel

/// Reads the observed values of an `empirical` value distribution.
///
/// The file is one value per line, or, with `column`, a CSV file (RFC 4180, read by `CSVTable`:
/// a quoted field may hold commas and line breaks) whose first record names the columns. Blank
/// lines are skipped; every other value must be a finite number `>= 0`.
/// Files are read once per process and kept (keyed by path, size and modification time),
/// because every point of a sweep decodes its parameters again.
enum EmpiricalFile {
    private static let cache = Mutex<[String: Result<EmpiricalSample, Failure>]>([:])

    struct Failure: Error {
        var message: String
    }

    /// - Parameter field: the path of the `file` key, for messages (`value.file`).
    /// The sample's `source` is `file` as given (with the column, if any).
    static func load(file: String, column: String?, directory: String, field: String) -> Result<EmpiricalSample, Failure> {
        let path = file.hasPrefix("/") ? file : (directory.isEmpty ? file : "\(directory)/\(file)")
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
        let attributes = try? FileManager.default.attributesOfItem(atPath: resolved)
        let stamp = "\(attributes?[.size] ?? "-") \((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        let key = "\(resolved)\u{0}\(column ?? "")\u{0}\(stamp)\u{0}\(file)\u{0}\(field)"
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let result = read(resolved, file: file, column: column, field: field)
        cache.withLock { $0[key] = result }
        return result
    }

    private static func read(_ path: String, file: String, column: String?, field: String) -> Result<EmpiricalSample, Failure> {
        let name = "\(field) '\(file)'"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Failure(message: "cannot read \(name): there is no file \(path)"))
        }
        guard !isDirectory.boolValue else {
            return .failure(Failure(message: "cannot read \(name) (\(path)): it is a folder"))
        }
        // A device or a pipe (`/dev/zero`, `/dev/stdin`) could be read for ever.
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(Failure(message: "cannot read \(name) (\(path)): it is not a regular file"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Failure(message: "cannot read \(name) (\(path)): permission denied"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Failure(message: "\(name) is not UTF-8 text"))
        }
        // (line number, cell text) of every value, in file order.
        var cells: [(Int, String)] = []
        if let column {
            let table: CSVTable
            do {
                table = try CSVTable(text: text)
            } catch {
                return .failure(Failure(message: "\(name) line \(error.line): \(error.message)"))
            }
            let records = [(1, table.header)] + Array(zip(table.rowLines, table.rows))
            func isBlank(_ record: [String]) -> Bool { record.count == 1 && record[0].allSatisfy(\.isWhitespace) }
            guard let header = records.firstIndex(where: { !isBlank($0.1) }) else {
                return .failure(Failure(message: "\(name) is empty"))
            }
            let names = records[header].1.map { $0.trimmingCharacters(in: .whitespaces) }
            guard let index = names.firstIndex(of: column) else {
                return .failure(Failure(message: "\(name) has no column '\(column)'; its columns are \(names.map { "'\($0)'" }.joined(separator: ", "))"))
            }
            for (number, record) in records[(header + 1)...] where !isBlank(record) {
                guard index < record.count else {
                    return .failure(Failure(message: "\(name) line \(number): no value in column '\(column)'"))
                }
                cells.append((number, record[index]))
            }
        } else {
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            for (offset, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
                cells.append((offset + 1, String(line)))
            }
        }
        var values: [Double] = []
        for (number, raw) in cells {
            let cell = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let value = Double(cell) else {
                return .failure(Failure(message: "\(name) line \(number): '\(cell)' is not a number"))
            }
            guard value.isFinite else {
                return .failure(Failure(message: "\(name) line \(number): '\(cell)' is not a finite number"))
            }
            guard value >= 0 else {
                return .failure(Failure(message: "\(name) line \(number): \(cell) is negative; slot values are >= 0"))
            }
            values.append(value)
        }
        guard !values.isEmpty else { return .failure(Failure(message: "\(name) holds no values")) }
        let source = column.map { "\(file) (column \($0))" } ?? file
        return .success(EmpiricalSample(values: values, source: source))
    }
}

/// Empirical files named by absolute paths in the manifest as run, so that the canonical manifest
/// kept in a results folder still finds them (and its digest does not depend on where it is read).
enum EmpiricalPaths {
    static func absolute(_ file: String, directory: String) -> String {
        let path = file.hasPrefix("/") || directory.isEmpty ? file : "\(directory)/\(file)"
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// A `value` map with its `file` made absolute (other nodes unchanged).
    static func absoluteValue(_ node: ConfigNode, directory: String) -> ConfigNode {
        guard node["distribution"]?.string == "empirical", var entries = node.entries,
              let i = entries.firstIndex(where: { $0.key == "file" }), let file = entries[i].value.string else { return node }
        entries[i].value.value = .string(absolute(file, directory: directory))
        return ConfigNode(.map(entries), mark: node.mark)
    }

    /// The rewrite for the values of an axis at `path` (only `value` and `value.file` name files).
    static func absolute(path: ParameterPath, directory: String) -> @Sendable (ConfigNode) -> ConfigNode {
        switch path.components {
        case [.key("value")]:
            return { absoluteValue($0, directory: directory) }
        case [.key("value"), .key("file")]:
            return { node in
                guard let file = node.string else { return node }
                return ConfigNode(.string(absolute(file, directory: directory)), mark: node.mark)
            }
        default:
            return { $0 }
        }
    }
}
