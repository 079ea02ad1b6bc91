import ArgumentParser
import SweepPlanner

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a sweep manifest and report every problem.",
        discussion: """
            Exits 0 when the manifest and every grid point are valid, else exits 2 and prints each \
            problem as FILE:LINE:COLUMN: error: MESSAGE.

            Example:
              ticketsweep validate sweeps/quickstart.yaml
            """)

    @Argument(help: "The manifest (YAML, or JSON when it ends in .json).")
    var manifest: String

    func run() throws {
        let plan = try CommandSupport.plan(manifest)
        CommandSupport.print("\(manifest): ok — \(plan.points.count) points x \(plan.settings.replications) replications, \(plan.shards.count) shards")
    }
}
