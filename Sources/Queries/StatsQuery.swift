import TermgraphGraph

/// Counts, the categories with their members, the category cross-link matrix and the number of
/// problems (§4 `stats`).
public struct StatsQuery: Query {
    /// Only the pages of this language (`--lang`, §1d): see `LanguageCounts` for what each
    /// count then means.
    public var language: String?

    public init(language: String? = nil) {
        self.language = language
    }

    public struct Category: Sendable, Encodable {
        public let name: String
        public let hub: String
        /// Members, explicit and inferred.
        public let articles: Int
        public let inferred: Int

        private enum CodingKeys: String, CodingKey { case hub, articles, inferred }
    }

    public struct Answer: Sendable, Encodable {
        public let articles: Int
        public let stubs: Int
        public let edges: Int
        /// Internal link occurrences: to articles, to wanted terms, and to the article itself.
        public let links: Int
        public let externalLinks: Int
        /// A vault's links to files that are not articles.
        public let attachmentLinks: Int
        public let orphans: Int
        public let wanted: Int
        public let deadEnds: Int
        public let isolated: Int
        public let uncategorized: Int
        public let problems: Int
        /// In declaration order.
        public let categories: [Category]
        /// `matrix[row, column]`: edges from articles of category `row` to articles of `column`;
        /// only the cells that are not zero are stored, and encoded.
        public let matrix: CategoryMatrix

        private enum CodingKeys: String, CodingKey {
            case articles, stubs, edges, links, orphans, wanted, isolated, uncategorized, problems, categories
            case externalLinks = "external_links", attachmentLinks = "attachment_links", deadEnds = "dead_ends", matrix = "category_matrix"
        }

        /// Categories and the matrix as objects keyed by category name. The matrix names every
        /// category as a row, and in each row only the columns it has edges to: N categories
        /// make N rows, never N² zeros.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(articles, forKey: .articles)
            try container.encode(stubs, forKey: .stubs)
            try container.encode(edges, forKey: .edges)
            try container.encode(links, forKey: .links)
            try container.encode(externalLinks, forKey: .externalLinks)
            try container.encode(attachmentLinks, forKey: .attachmentLinks)
            try container.encode(orphans, forKey: .orphans)
            try container.encode(wanted, forKey: .wanted)
            try container.encode(deadEnds, forKey: .deadEnds)
            try container.encode(isolated, forKey: .isolated)
            try container.encode(uncategorized, forKey: .uncategorized)
            try container.encode(problems, forKey: .problems)
            let names = categories.map(\.name)
            try container.encode(Dictionary(zip(names, categories), uniquingKeysWith: { a, _ in a }), forKey: .categories)
            var rows = [[String: Int]](repeating: [:], count: names.count)
            for cell in matrix.cells where rows[cell.row][names[cell.column]] == nil {
                rows[cell.row][names[cell.column]] = cell.count
            }
            try container.encode(Dictionary(zip(names, rows), uniquingKeysWith: { a, _ in a }), forKey: .matrix)
        }
    }

    public func answer(in workspace: Workspace) throws(QueryError) -> Answer {
        let built = try workspace.graph()
        let graph = built.graph
        let scope = try LanguageScope.filter(language, in: workspace)
        let ofScope: (Int) -> Bool = { v in scope.map { inLanguage in graph.nodes[v].path.map(inLanguage) ?? false } ?? true }
        let names = graph.categoryNames
        let hubs = built.config.categories.map(\.hub)
        var perCategory = Array(repeating: (articles: 0, inferred: 0), count: names.count)
        var uncategorized = 0, articles = 0
        for v in graph.nodes.indices where !graph.nodes[v].isStub && ofScope(v) {
            articles += 1
            let node = graph.nodes[v]
            if let c = node.category {
                perCategory[c].articles += 1
                if node.categoryInferred { perCategory[c].inferred += 1 }
            } else {
                uncategorized += 1
            }
        }
        let categories = names.indices.map {
            Category(name: names[$0], hub: hubs[$0], articles: perCategory[$0].articles, inferred: perCategory[$0].inferred)
        }
        guard let scope else {
            return Answer(
                articles: articles, stubs: graph.nodeCount - articles, edges: graph.edgeCount,
                links: built.linkCount, externalLinks: built.externalLinkCount, attachmentLinks: built.attachmentLinkCount,
                orphans: graph.terms(.orphan).count, wanted: graph.terms(.wanted).count,
                deadEnds: graph.terms(.deadEnd).count, isolated: graph.terms(.isolated).count,
                uncategorized: uncategorized, problems: built.problems.count,
                categories: categories, matrix: graph.categoryMatrix())
        }
        let counts = LanguageCounts(graph: graph, corpus: try workspace.corpus(), inLanguage: scope)
        let wanted = graph.terms(.wanted).filter { v in graph.predecessors(of: v).contains { ofScope(Int($0)) } }.count
        return Answer(
            articles: articles, stubs: wanted, edges: counts.edges,
            links: counts.links, externalLinks: counts.external, attachmentLinks: counts.attachments,
            orphans: graph.terms(.orphan).filter(ofScope).count, wanted: wanted,
            deadEnds: graph.terms(.deadEnd).filter(ofScope).count, isolated: graph.terms(.isolated).filter(ofScope).count,
            uncategorized: uncategorized, problems: built.problems.reduce(0) { $0 + (scope($1.file) ? 1 : 0) },
            categories: categories, matrix: graph.categoryMatrix(from: ofScope))
    }
}
