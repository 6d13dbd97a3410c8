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

    @Option(help: ArgumentHelp("Only the pages of this language of a site with translations in termgraph.yml (and the wanted terms they link to).",
                               valueName: "lang"))
    var lang: String?

    @Option(help: ArgumentHelp("List at most this many terms in text output (--json lists all).", valueName: "n"))
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        if try options.served("/api/orphans", [("kind", kind.rawValue)] + (lang.map { [("lang", $0)] } ?? [])) { return }
        let workspace = try options.load()
        let answer = try options.run(OrphansQuery(kind: kind, language: lang), in: workspace)
        if options.json {
            try Output.json(answer)
            return
        }
        let found = answer.terms
        let shown = found.prefix(limit ?? found.count)
        let more = shown.count < found.count ? " (the first \(shown.count) shown)" : ""
        Output.line("\(found.count) \(kind.rawValue) term\(found.count == 1 ? "" : "s")\(more):")
        Output.table(shown.map { term in
            term.linked_by.map { [term.slug, "linked by \($0)", term.title] } ?? [term.slug, term.title]
        }, indent: "  ")
    }
}
