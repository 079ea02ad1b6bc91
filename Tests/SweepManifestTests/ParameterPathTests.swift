import XCTest
@testable import SweepManifest

final class ParameterPathTests: XCTestCase {
    func testParsingAndText() throws {
        let path = try ParameterPath(parsing: "buyers[lottery].count")
        XCTAssertEqual(path.components, [.key("buyers"), .name("lottery"), .key("count")])
        XCTAssertEqual(path.description, "buyers[lottery].count")
        XCTAssertEqual(try ParameterPath(parsing: "buyers[0].risk_aversion").components, [.key("buyers"), .index(0), .key("risk_aversion")])
        XCTAssertEqual(try ParameterPath(parsing: "builders.skills[2]").components, [.key("builders"), .key("skills"), .index(2)])
        XCTAssertEqual(try ParameterPath(parsing: "pricing.target.pool").components, [.key("pricing"), .key("target"), .key("pool")])
        XCTAssertEqual(try ParameterPath(parsing: "buyers[big-one_2].count").components[1], .name("big-one_2"))
    }

    func testBadPaths() {
        func message(_ text: String) -> String? {
            do {
                _ = try ParameterPath(parsing: text)
                return nil
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(message(""), "error: invalid parameter path '': it is empty")
        XCTAssertEqual(message("pricing."), "error: invalid parameter path 'pricing.': it ends with '.'")
        XCTAssertEqual(message("a..b"), "error: invalid parameter path 'a..b': expected a key at '.b'")
        XCTAssertEqual(message("buyers[x"), "error: invalid parameter path 'buyers[x': a '[' without ']'")
        XCTAssertEqual(message("buyers[a b].count"), "error: invalid parameter path 'buyers[a b].count': '[a b]' is neither an index nor a class name (letters, digits, '_', '-')")
        XCTAssertEqual(message("buyers[99999999999].count"), "error: invalid parameter path 'buyers[99999999999].count': index 99999999999 is too large")
        XCTAssertEqual(message("1abc"), "error: invalid parameter path '1abc': a key starts with a letter: '1abc'")
        XCTAssertEqual(message("a b"), "error: invalid parameter path 'a b': unexpected ' '")
    }

    func testErrorText() {
        XCTAssertEqual(ManifestError(file: "m.yaml", mark: SourceMark(line: 3, column: 7), message: "bad").description, "m.yaml:3:7: error: bad")
        XCTAssertEqual(ManifestError(file: "m.yaml", mark: nil, message: "bad").description, "m.yaml: error: bad")
        let problems = ManifestProblems(errors: [
            ManifestError(file: "m", mark: SourceMark(line: 2, column: 1), message: "b"),
            ManifestError(file: "m", mark: nil, message: "a"),
            ManifestError(file: "m", mark: SourceMark(line: 1, column: 9), message: "c"),
            ManifestError(file: "m", mark: SourceMark(line: 2, column: 1), message: "b"),
        ])
        XCTAssertEqual(problems.description, "m: error: a\nm:1:9: error: c\nm:2:1: error: b")
    }
}
