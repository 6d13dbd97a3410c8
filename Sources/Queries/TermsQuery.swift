import TermgraphGraph
import TermgraphTerms

/// The terms that match a typed query, best first (§3, §4 `terms`).
public struct TermsQuery: Query {
    public var query: String
    public var limit: Int

    /// The most terms an answer may list.
    public static let maximumLimit = 10_000

    public init(query: String, limit: Int = 10) {
        self.query = query
        self.limit = limit
    }

    public struct Entry: Sendable, Encodable, Equatable {
        public let slug: String
        public let title: String
        /// The name that matched, as the corpus writes it.
        public let matched: String
        /// How it matched: `exact`, `without-prefixes`, `prefix`, `word-prefix`, `contains`, `similar`.
        public let match: String
        /// Which name it was: `slug`, `title`, `alias` or `anchor`.
        public let name: String
    }

    public struct Answer: Sendable, Encodable {
        public let terms: [Entry]
    }

    public func answer(in workspace: Workspace) throws(QueryError) -> Answer {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw .badParameter("limit must be between 1 and \(Self.maximumLimit), not \(limit)")
        }
        let graph = try workspace.graph().graph
        var hits = try workspace.terms().search(query, limit: limit)
        // A term that is a slug, or an article's file, comes first, as it does when resolved.
        if let v = try workspace.exactNode(query) {
            hits.removeAll { $0.node == v }
            hits.insert(TermHit(node: v, kind: .exact, name: .slug, folded: graph.nodes[v].slug), at: 0)
            hits = Array(hits.prefix(limit))
        }
        return Answer(terms: hits.map { hit in
            let node = graph.nodes[hit.node]
            return Entry(slug: node.slug, title: node.title, matched: TermIndex.writtenName(of: hit, in: graph),
                         match: hit.kind.name, name: "\(hit.name)")
        })
    }
}
