import ArgumentParser
import Corpus
import Graph

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts, the category cross-link matrix, and how many problems the corpus has.",
        discussion: """
            links counts internal link occurrences (to articles, wanted terms or the article itself); \
            external_links the rest. The matrix counts edges from articles of one category (row) \
            to articles of another (column), inferred categories included.
            """
    )

    @OptionGroup var options: CorpusOptions

    private struct CategoryJSON: Encodable {
        let hub: String
        let articles: Int
        let inferred: Int
    }

    private struct Answer: Encodable {
        let articles: Int
        let stubs: Int
        let edges: Int
        let links: Int
        let external_links: Int
        let orphans: Int
        let wanted: Int
        let dead_ends: Int
        let isolated: Int
        let uncategorized: Int
        let problems: Int
        let categories: [String: CategoryJSON]
        let category_matrix: [String: [String: Int]]
    }

    func run() throws {
        let built = try options.load()
        let graph = built.graph
        let names = graph.categoryNames
        let hubs = built.config.categories.map(\.hub)
        var perCategory = Array(repeating: (articles: 0, inferred: 0), count: names.count)
        var uncategorized = 0
        for node in graph.nodes where !node.isStub {
            if let c = node.category {
                perCategory[c].articles += 1
                if node.categoryInferred { perCategory[c].inferred += 1 }
            } else {
                uncategorized += 1
            }
        }
        let matrix = graph.categoryMatrix()
        let articles = graph.nodes.filter { !$0.isStub }.count
        let answer = Answer(
            articles: articles, stubs: graph.nodeCount - articles, edges: graph.edgeCount,
            links: built.linkCount, external_links: built.externalLinkCount,
            orphans: graph.terms(.orphan).count, wanted: graph.terms(.wanted).count,
            dead_ends: graph.terms(.deadEnd).count, isolated: graph.terms(.isolated).count,
            uncategorized: uncategorized, problems: built.problems.count,
            categories: Dictionary(uniqueKeysWithValues: names.enumerated().map {
                ($1, CategoryJSON(hub: hubs[$0], articles: perCategory[$0].articles, inferred: perCategory[$0].inferred))
            }),
            category_matrix: Dictionary(uniqueKeysWithValues: names.enumerated().map { row, name in
                (name, Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, matrix[row][$0]) }))
            }))
        if options.json {
            try Output.json(answer)
            return
        }
        Output.table([
            ["articles", "\(answer.articles)"], ["wanted terms (stubs)", "\(answer.stubs)"],
            ["edges", "\(answer.edges)"], ["internal links", "\(answer.links)"],
            ["external links", "\(answer.external_links)"], ["orphans", "\(answer.orphans)"],
            ["dead ends", "\(answer.dead_ends)"], ["isolated", "\(answer.isolated)"],
            ["problems", "\(answer.problems)"],
        ])
        guard !names.isEmpty else { return }
        Output.line()
        Output.line("categories (articles, of which inferred):")
        Output.table(names.enumerated().map { [$1, "\(perCategory[$0].articles)", "(\(perCategory[$0].inferred) inferred)", "hub: \(hubs[$0])"] }
                     + [["none", "\(uncategorized)"]], indent: "  ")
        Output.line()
        Output.line("edges between categories (row → column):")
        Output.table([["from \\ to"] + names] + names.enumerated().map { row, name in [name] + matrix[row].map(String.init) }, indent: "  ")
    }
}
