import ArgumentParser
import Foundation
import SweepCore
import SweepReport
import SweepResults

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page of plots for a reduced results folder.",
        discussion: """
            The page (inline SVG, no network needed to view it) shows the ticket_return histogram \
            on a log count axis, the correlation matrix of the per-path metrics, and for every \
            metric its mean with a quantile band against each swept axis, plus a heatmap of the \
            mean when the grid has two axes. Exit 2 when the folder has not been reduced.

            Example:
              ticketsweep report results/quickstart
              ticketsweep report results/quickstart --output /tmp/quickstart.html
            """)

    @Argument(help: "The results folder (after `run` or `reduce`).")
    var folder: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The page to write (default: <folder>/report.html).", valueName: "file"))
    var output: String?

    func validate() throws {
        if let output {
            let parent = (output as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: parent.isEmpty ? "." : parent, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--output \(output): the folder \(parent) does not exist; create it or choose another file")
            }
        }
    }

    func run() throws {
        let page = try SweepReport.html(folder: folder)
        let path = output ?? (folder as NSString).appendingPathComponent("report.html")
        try AtomicFile.write(text: page, to: path)
        CommandSupport.print("report: \(path)")
    }
}
