import ArgumentParser
import TermgraphKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List corpus problems as file:line: kind: message; exit 1 if there are any.",
        discussion: """
            Problems: unreadable files, invalid UTF-8 or binary files, broken front matter, \
            a bad termgraph.yml, duplicate slugs, and links that match no article (wanted links). \
            Files with problems are skipped; the rest of the corpus is still built.
            """
    )

    @OptionGroup var options: CorpusOptions

    func run() throws {
        let workspace = try options.load()
        let answer = try options.run(CheckQuery(), in: workspace)
        let problems = answer.problems
        if options.json {
            try Output.json(answer)
        } else {
            for problem in problems { Output.line(problem.description) }
            Output.line(problems.isEmpty ? "no problems" : "\(problems.count) problem\(problems.count == 1 ? "" : "s")")
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
