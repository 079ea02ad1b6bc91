import Foundation
@testable import SweepManifest
import TicketModel
import XCTest

/// docs/model.md names every parameter and every metric of the program: the parameter keys of
/// the generated manifest reference (from the one declaration of each parameter) and the
/// metric names of `MetricLayout` (class-named metrics as `profit.<class>`) each appear in it
/// as code (between backquotes).
final class ModelDocumentationTests: XCTestCase {
    func testModelDocumentNamesEveryParameterAndMetric() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/model.md"), encoding: .utf8)
        let reference = ManifestSchema.referenceMarkdown()
        var keys = Set<String>()
        for line in reference.split(separator: "\n") where line.hasPrefix("| `") {
            let rest = line.dropFirst(3)
            if let end = rest.firstIndex(of: "`") { keys.insert(String(rest[..<end])) }
        }
        XCTAssertGreaterThan(keys.count, 50, "the reference's parameter rows were found")
        // Mechanisms registered at run time by other tests (the toy halving price) are not the program's.
        let builtIn = Set(MechanismRegistry.builtIn.map { $0.name })
        let addedKeys = MechanismRegistry.all.filter { !builtIn.contains($0.name) }.flatMap { m in m.parameters.map { $0.name } }
        keys.subtract(addedKeys)
        keys.formUnion(MechanismRegistry.builtIn.flatMap { m in m.parameters.map { $0.name } })
        for key in keys.sorted() {
            XCTAssertTrue(document.contains("`\(key)`") || document.contains("`\(key)` ("), "docs/model.md does not name the parameter `\(key)`")
        }
        for name in MetricLayout(buyerNames: ["<class>"]).allNames {
            XCTAssertTrue(document.contains("`\(name)`"), "docs/model.md does not name the metric `\(name)`")
        }
    }
}
