import Foundation
import XCTest
import TicketModel
@testable import SweepManifest

final class EmpiricalFileTests: XCTestCase {
    private func manifest(_ value: String) -> String {
        required + "base:\n  value: \(value)\n"
    }

    func testValuesAreReadRelativeToTheManifest() throws {
        let folder = try temporaryFolder()
        try "0.5\n0.1\n\n2\n".write(to: folder.appendingPathComponent("mev.txt"), atomically: true, encoding: .utf8)
        try "slot,payment\n1,0.3\n2,\"0.2\"\r\n3,0.25\n".write(to: folder.appendingPathComponent("mev.csv"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("m.yaml").path
        let lines = try load(manifest("{distribution: empirical, file: mev.txt}"), file: file)
        XCTAssertEqual(lines.baseParameters.value.distribution, .empirical(EmpiricalSample(values: [0.1, 0.5, 2], source: folder.appendingPathComponent("mev.txt").path)))
        XCTAssertTrue(lines.canonicalYAML.contains("    file: \(folder.path)/mev.txt\n"), "an absolute path, so the copy in a results folder still finds it")
        let column = try load(manifest("{distribution: empirical, file: mev.csv, column: payment, persistence: 0.5}"), file: file)
        XCTAssertEqual(column.baseParameters.value, ValueModel(
            distribution: .empirical(EmpiricalSample(values: [0.2, 0.25, 0.3], source: "\(folder.path)/mev.csv (column payment)")), persistence: 0.5))
        let again = try load(column.canonicalYAML, file: "/somewhere/else/manifest.yaml")
        XCTAssertEqual(again.digest, column.digest)
        XCTAssertEqual(again.baseParameters, column.baseParameters)
    }

    func testFileProblemsNameTheFileAndLine() throws {
        let folder = try temporaryFolder()
        func write(_ text: String, _ name: String) throws {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("", "empty.txt")
        try write("0.1\nabc\n", "words.txt")
        try write("0.1\n\n-3\n", "negative.txt")
        try write("0.1\ninf\n", "infinite.txt")
        try write("a,b\n1,2\n", "table.csv")
        try write("a,b\n1,2\n3\n", "short.csv")
        let file = folder.appendingPathComponent("m.yaml").path
        func problem(_ value: String) -> [String] {
            errors(manifest("{distribution: empirical, \(value)}"), file: file)
        }
        let at = "\(file):4:42: error: value.file"
        XCTAssertEqual(problem("file: missing.txt"), ["\(file):4:42: error: cannot read value.file 'missing.txt': there is no file \(folder.path)/missing.txt"])
        XCTAssertEqual(problem("file: empty.txt"), ["\(at) 'empty.txt' holds no values"])
        XCTAssertEqual(problem("file: words.txt"), ["\(at) 'words.txt' line 2: 'abc' is not a number"])
        XCTAssertEqual(problem("file: negative.txt"), ["\(at) 'negative.txt' line 3: -3 is negative; slot values are >= 0"])
        XCTAssertEqual(problem("file: infinite.txt"), ["\(at) 'infinite.txt' line 2: 'inf' is not a finite number"])
        XCTAssertEqual(problem("file: table.csv, column: c"), ["\(at) 'table.csv' has no column 'c'; its columns are 'a', 'b'"])
        XCTAssertEqual(problem("file: short.csv, column: b"), ["\(at) 'short.csv' line 3: no value in column 'b'"])
        XCTAssertEqual(problem("file: ."), ["\(file):4:42: error: cannot read value.file '.' (\(folder.path)): it is a folder"])
        XCTAssertEqual(problem("column: b"), ["\(file):4:10: error: missing key 'file' in value"])
    }

    func testAQuotedLineBreakInAnotherColumnIsPartOfItsField() throws {
        let folder = try temporaryFolder()
        try "note,payment\n\"two\nlines, one note\",0.4\nplain,0.6\n".write(
            to: folder.appendingPathComponent("notes.csv"), atomically: true, encoding: .utf8)
        try "note,payment\n\"two\nlines\",0.4\nplain,-1\n".write(
            to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        try "note,payment\n\"open,0.4\nplain,0.6\n".write(
            to: folder.appendingPathComponent("open.csv"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("m.yaml").path
        let loaded = try load(manifest("{distribution: empirical, file: notes.csv, column: payment}"), file: file)
        XCTAssertEqual(loaded.baseParameters.value.distribution, .empirical(EmpiricalSample(
            values: [0.4, 0.6], source: "\(folder.path)/notes.csv (column payment)")))
        let at = "\(file):4:42: error: value.file"
        XCTAssertEqual(errors(manifest("{distribution: empirical, file: bad.csv, column: payment}"), file: file),
                       ["\(at) 'bad.csv' line 4: -1 is negative; slot values are >= 0"])
        XCTAssertEqual(errors(manifest("{distribution: empirical, file: open.csv, column: payment}"), file: file),
                       ["\(at) 'open.csv' line 2: a quoted field is never closed"])
    }

    func testAnAxisOfFilesIsCheckedToo() throws {
        let folder = try temporaryFolder()
        try "1\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("m.yaml").path
        let text = manifest("{distribution: empirical, file: a.txt}") + "sweep:\n  grid:\n    value.file: [a.txt, b.txt]\n"
        XCTAssertEqual(errors(text, file: file), ["\(file):7:25: error: cannot read value.file 'b.txt': there is no file \(folder.path)/b.txt"])
    }
}
