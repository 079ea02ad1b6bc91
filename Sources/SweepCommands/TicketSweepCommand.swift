import ArgumentParser
import Foundation
import SweepCore
import SweepEngine
import SweepManifest

/// The `ticketsweep` command: parameter sweeps of the execution-tickets economy.
public struct TicketSweepCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ticketsweep",
        abstract: "Parameter sweeps of the Ethereum execution-tickets economy.",
        discussion: """
            Write a sweep manifest, check it, run it here or on Slurm, and load the tables in a notebook. \
            Exit codes: 0 success, 1 runtime failure, 2 bad input; 143 or 130 for a run stopped \
            cleanly by SIGTERM or SIGINT.

            Example:
              ticketsweep validate sweeps/quickstart.yaml
              ticketsweep run sweeps/quickstart.yaml --out results/quickstart
            """,
        version: TicketSweepVersion.current,
        subcommands: [ValidateCommand.self, PlanCommand.self, RunCommand.self, ReduceCommand.self, SlurmCommand.self, InspectCommand.self, ReportCommand.self, ReferenceCommand.self]
    )

    public init() {}

    /// Parses the arguments, runs the command, and exits with 0, 1 (runtime failure), 2 (bad
    /// input: manifest, arguments, folder), or 128 + signal for a run stopped by SIGTERM or
    /// SIGINT. Never traps on user input.
    public static func main(arguments: [String]? = nil) -> Never {
        EngineEnvironment.prepare()
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let problems as ManifestProblems {
            CommandSupport.printError(problems.description)
            Foundation.exit(2)
        } catch let error as SweepError {
            if case .stopped = error.code {
                CommandSupport.printError(error.message)
            } else {
                CommandSupport.printError("error: \(error.message)")
            }
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                CommandSupport.print(fullMessage(for: error))
                Foundation.exit(0)
            }
            CommandSupport.printError(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
