import ArgumentParser
import SweepManifest

struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Print the manifest reference (Markdown), generated from the validator's schema.",
        discussion: """
            docs/manifest-reference.md is this output; a test checks that they agree.

            Example:
              ticketsweep reference > docs/manifest-reference.md
            """)

    func run() throws {
        CommandSupport.print(ManifestSchema.referenceMarkdown())
    }
}
