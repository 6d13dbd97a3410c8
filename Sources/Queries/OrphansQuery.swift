import TermgraphGraph

/// The terms that point at gaps: orphans, wanted terms, dead ends, isolated articles (§4 `orphans`).
public struct OrphansQuery: Query {
    public var kind: TermListKind = .orphan

    public init(kind: TermListKind = .orphan) {
        self.kind = kind
    }

    public struct Entry: Sendable, Encodable {
        public let slug: String
        public let title: String
        /// The article's file; nil for a wanted term.
        public let path: String?
        /// For a wanted term, how many articles link to it.
        public let linked_by: Int?
    }

    public struct Answer: Sendable, Encodable {
        public let kind: String
        public let terms: [Entry]
    }

    public func answer(in workspace: Workspace) throws(QueryError) -> Answer {
        let graph = try workspace.graph().graph
        let wanted = kind == .wanted
        return Answer(kind: kind.rawValue, terms: graph.terms(kind).map {
            let node = graph.nodes[$0]
            return Entry(slug: node.slug, title: node.title, path: node.path, linked_by: wanted ? graph.linkingArticleCount($0) : nil)
        })
    }
}
