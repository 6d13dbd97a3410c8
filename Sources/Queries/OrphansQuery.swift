import TermgraphGraph

/// The terms that point at gaps: orphans, wanted terms, dead ends, isolated articles (§4 `orphans`).
public struct OrphansQuery: Query {
    public var kind: TermListKind = .orphan
    /// Only the pages of this language (`--lang`, §1d), and the wanted terms they link to.
    public var language: String?

    public init(kind: TermListKind = .orphan, language: String? = nil) {
        self.kind = kind
        self.language = language
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
        var terms = graph.terms(kind)
        if let inLanguage = try LanguageScope.filter(language, in: workspace) {
            let ofLanguage = { (v: Int) in graph.nodes[v].path.map(inLanguage) ?? false }
            terms = terms.filter { v in
                wanted ? graph.predecessors(of: v).contains { ofLanguage(Int($0)) } : ofLanguage(v)
            }
        }
        return Answer(kind: kind.rawValue, terms: terms.map {
            let node = graph.nodes[$0]
            return Entry(slug: node.slug, title: node.title, path: node.path, linked_by: wanted ? graph.linkingArticleCount($0) : nil)
        })
    }
}
