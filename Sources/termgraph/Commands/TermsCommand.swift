import ArgumentParser
import TermgraphKit

struct TermsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "The terms that match a query, best first.",
        discussion: """
            Examples:
              termgraph terms مخاطر
              termgraph terms risk --limit 3

            Names are compared folded (case, Arabic spelling variants, the article and a leading \
            conjunction or preposition). Best first: the exact name, the name without prefixes, \
            names that start with the query, names with a word that starts with it, names that \
            hold it, then names a few letters away; within each, shorter names first.
            """
    )

    @OptionGroup var options: CorpusOptions

    @Argument(help: "What to look for: part of a slug, title or alias.")
    var query: String

    @Option(help: "How many terms to list at most (1 to \(TermsQuery.maximumLimit)).")
    var limit = 10

    func validate() throws {
        if !(1...TermsQuery.maximumLimit).contains(limit) {
            throw ValidationError("--limit must be between 1 and \(TermsQuery.maximumLimit).")
        }
    }

    func run() throws {
        if try options.served("/api/terms", [("q", query), ("limit", "\(limit)")]) { return }
        let workspace = try options.load()
        let answer = try options.run(TermsQuery(query: query, limit: limit), in: workspace)
        if options.json {
            try Output.json(answer)
            return
        }
        let found = answer.terms
        Output.line("\(found.count) term\(found.count == 1 ? "" : "s") matching \(query):")
        // The name that matched, when it is neither slug nor title, follows the title in its column.
        Output.table(found.map { [$0.slug, $0.title + ($0.matched == $0.title || $0.matched == $0.slug ? "" : "  (\($0.matched))")] },
                     indent: "  ")
    }
}
