import ArgumentParser
import Foundation

@main
struct Termgraph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "termgraph",
        abstract: "Turn a folder of cross-linked articles into a knowledge graph, query it and export it.",
        discussion: """
            Every article (Markdown with optional YAML front matter) is a node and every cross-link \
            an edge. Terms are found by slug, title, alias or the anchor text used to link to them, \
            with Arabic spelling variants folded.

            Exit codes: 0 success; 1 no answer (no path) or `check` found problems; \
            2 bad usage, unknown or ambiguous term, unreadable corpus.
            """,
        subcommands: [
            ExportCommand.self, PathCommand.self, NeighborsCommand.self, OrphansCommand.self,
            StatsCommand.self, CheckCommand.self, LinksCommand.self, TermsCommand.self, ServeCommand.self,
        ]
    )

    /// Runs the command line with the contract's exit codes: usage errors exit 2, not 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var served = command as? AsyncParsableCommand {
                try await served.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                Output.error(lines: fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
