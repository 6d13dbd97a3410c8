import ArgumentParser
import Corpus

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

    private struct Entry: Encodable {
        let file: String
        let line: Int?
        let kind: String
        let message: String
    }

    private struct Answer: Encodable {
        let problems: [Entry]
    }

    func run() throws {
        let problems = try options.load().problems.sorted { a, b in
            if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
            if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
            return (a.kind.rawValue, a.message) < (b.kind.rawValue, b.message)
        }
        if options.json {
            try Output.json(Answer(problems: problems.map { Entry(file: $0.file, line: $0.line, kind: $0.kind.rawValue, message: $0.message) }))
        } else {
            for problem in problems { Output.line(problem.description) }
            Output.line(problems.isEmpty ? "no problems" : "\(problems.count) problem\(problems.count == 1 ? "" : "s")")
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
