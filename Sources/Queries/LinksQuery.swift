import TermgraphCorpus
import TermgraphLinking

/// Every link the readers find, article by article, with what it resolves to (§4 `links`).
public struct LinksQuery: Query {
    public init() {}

    public struct Entry: Sendable, Encodable {
        public let line: Int
        /// inline, reference, wikilink, html or embed.
        public let kind: String
        public let target: String
        public let text: String
        /// article, wanted, attachment, external or none.
        public let resolution: String
        /// The article's slug, the wanted term's, or an attachment's path.
        public let slug: String?
    }

    public struct Article: Sendable, Encodable {
        public let path: String
        public let slug: String
        public let links: [Entry]
    }

    public struct Answer: Sendable, Encodable {
        public let articles: [Article]
    }

    public func answer(in workspace: Workspace) throws(QueryError) -> Answer {
        let corpus = try workspace.corpus()
        let (unique, resolver) = CorpusGraph.resolving(corpus)
        return Answer(articles: unique.map { article in
            Article(path: article.path, slug: article.slug, links: article.links.map { link in
                let resolution: String, slug: String?
                switch resolver.resolve(link.target, from: article.path, kind: link.kind) {
                case .external: (resolution, slug) = ("external", nil)
                case .none: (resolution, slug) = ("none", nil)
                case .article(let i), .ambiguous(let i, _): (resolution, slug) = ("article", unique[i].slug)
                case .wanted(_, let written): (resolution, slug) = ("wanted", written)
                case .attachment(let path): (resolution, slug) = ("attachment", path)
                }
                return Entry(line: link.line, kind: link.kind.rawValue, target: link.target, text: link.text, resolution: resolution, slug: slug)
            })
        })
    }
}
