import TermgraphGraph

/// The terms within `depth` links of a term, with how each is reached (§4 `neighbors`).
public struct NeighborsQuery: Query {
    public var term: String
    public var depth = 1
    public var direction: LinkDirection = .both

    public init(term: String, depth: Int = 1, direction: LinkDirection = .both) {
        self.term = term
        self.depth = depth
        self.direction = direction
    }

    public struct Entry: Sendable, Encodable {
        public let slug: String
        public let title: String
        public let distance: Int
        /// out, in, both, or mixed.
        public let direction: String
        public let stub: Bool
    }

    public struct Answer: Sendable, Encodable {
        /// The term's slug.
        public let term: String
        public let neighbors: [Entry]
        /// The term's title, for people (not part of the JSON answer).
        public let title: String

        private enum CodingKeys: String, CodingKey { case term, neighbors }
    }

    public func answer(in workspace: Workspace) throws(QueryError) -> Answer {
        let graph = try workspace.graph().graph
        let v = try workspace.node(term)
        let found = graph.neighbors(of: v, depth: depth, direction: direction)
        return Answer(term: graph.nodes[v].slug, neighbors: found.map {
            let node = graph.nodes[$0.node]
            return Entry(slug: node.slug, title: node.title, distance: $0.distance, direction: $0.direction, stub: node.isStub)
        }, title: graph.nodes[v].title)
    }
}
