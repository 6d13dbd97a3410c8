import ArgumentParser
import TermgraphKit

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts, the category cross-link matrix, and how many problems the corpus has.",
        discussion: """
            links counts internal link occurrences (to articles, wanted terms or the article itself); \
            external_links the rest, but for attachment_links: a vault's links to files that are not \
            articles (images, PDFs). The matrix counts edges from articles of one category (row) \
            to articles of another (column), inferred categories included.
            """
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: ArgumentHelp("Only the pages of this language of a site with translations in termgraph.yml: their links, edges out and problems.",
                               valueName: "lang"))
    var lang: String?

    func run() throws {
        if try options.served("/api/stats", lang.map { [("lang", $0)] } ?? []) { return }
        let workspace = try options.load()
        let answer = try options.run(StatsQuery(language: lang), in: workspace)
        if options.json {
            try Output.json(answer)
            return
        }
        // Only a vault has attachments: other corpora's table stays as it was.
        let attachments = answer.attachmentLinks > 0 ? [["attachment links", "\(answer.attachmentLinks)"]] : []
        Output.table([
            ["articles", "\(answer.articles)"], ["wanted terms (stubs)", "\(answer.stubs)"],
            ["edges", "\(answer.edges)"], ["internal links", "\(answer.links)"],
            ["external links", "\(answer.externalLinks)"],
        ] + attachments + [
            ["orphans", "\(answer.orphans)"],
            ["dead ends", "\(answer.deadEnds)"], ["isolated", "\(answer.isolated)"],
            ["problems", "\(answer.problems)"],
        ])
        let categories = answer.categories
        guard !categories.isEmpty else { return }
        Output.line()
        Output.line("categories (articles, of which inferred):")
        Output.table(categories.map { [$0.name, "\($0.articles)", "(\($0.inferred) inferred)", "hub: \($0.hub)"] }
                     + [["none", "\(answer.uncategorized)"]], indent: "  ")
        Output.line()
        Output.line("edges between categories (row → column):")
        let names = categories.map(\.name)
        if names.count <= Self.largestGrid {
            let header = ["from \\ to"] + names
            let rows: [[String]] = names.indices.map { row in [names[row]] + names.indices.map { String(answer.matrix[row, $0]) } }
            Output.table([header] + rows, indent: "  ")
        } else if answer.matrix.cells.isEmpty {
            Output.line("  none")
        } else {
            // A grid of many categories is mostly zeros and too wide to read: one line a cell,
            // the count first so that right-to-left names cannot move it.
            Output.table(answer.matrix.cells.map { ["\($0.count)", "\(names[$0.row]) → \(names[$0.column])"] }, indent: "  ")
        }
    }

    /// More categories than this are listed cell by cell, not as a grid.
    static let largestGrid = 12
}
