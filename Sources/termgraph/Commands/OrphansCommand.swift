import ArgumentParser
import TermgraphKit

extension TermListKind: ExpressibleByArgument {}

struct OrphansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orphans",
        abstract: "Terms that point at gaps: orphans, wanted terms, dead ends, isolated articles.",
        discussion: """
            orphan    articles no other article links to
            wanted    link targets no article answers, with how many articles link to each
            dead-end  articles that link nowhere (a link to a wanted term counts)
            isolated  articles that are both orphans and dead ends
            """
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: "Which list: orphan, wanted, dead-end or isolated.")
    var kind: TermListKind = .orphan

    func run() throws {
        if try options.served("/api/orphans", [("kind", kind.rawValue)]) { return }
        let workspace = try options.load()
        let answer = try options.run(OrphansQuery(kind: kind), in: workspace)
        if options.json {
            try Output.json(answer)
            return
        }
        let found = answer.terms
        Output.line("\(found.count) \(kind.rawValue) term\(found.count == 1 ? "" : "s"):")
        Output.table(found.map { term in
            term.linked_by.map { [term.slug, "linked by \($0)", term.title] } ?? [term.slug, term.title]
        }, indent: "  ")
    }
}
