import ArgumentParser
import Foundation

/// glibc's `mallopt` and its `M_MMAP_THRESHOLD`, which Swift's Glibc module leaves out.
@_silgen_name("mallopt") private func setMallocOption(_ option: Int32, _ value: Int32) -> Int32
private let mmapThreshold: Int32 = -3

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
        version: Version.text,
        subcommands: [
            ExportCommand.self, PathCommand.self, NeighborsCommand.self, OrphansCommand.self,
            StatsCommand.self, CheckCommand.self, LinksCommand.self, TermsCommand.self, ServeCommand.self,
        ]
    )

    /// Runs the command line with the contract's exit codes: usage errors exit 2, not 64.
    /// With `--json`, a usage error is also the JSON error answer on stdout.
    static func main() async {
        // Past a file-size limit (`ulimit -f`) a write would end the process with SIGXFSZ;
        // ignored, the write fails with EFBIG instead, which every writer already handles: the
        // index is not stored and the answer still comes, an export fails with a message.
        signal(SIGXFSZ, SIG_IGN)
        // Blocks of 256 KiB and more are mapped on their own and unmapped when freed, always:
        // left to itself the C library raises this bound to the size of each large block freed,
        // up to 32 MiB, and the slabs of a dump's link lists (`LinkSlabs`) and the builder's
        // arrays then come from the heap, where freeing them gives nothing back.
        _ = setMallocOption(mmapThreshold, 1 << 18)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let (word, nearest) = UsageErrors.unknownCommand(in: arguments) {
            UsageErrors.report(UsageErrors.message(unknown: word, nearest: nearest),
                               usage: "Usage: termgraph <subcommand>\n  See 'termgraph --help' for more information.",
                               arguments: arguments)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var served = command as? AsyncParsableCommand {
                try await served.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                let full = fullMessage(for: error)
                let usage = full.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
                UsageErrors.report(message(for: error), usage: usage, arguments: arguments)
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
