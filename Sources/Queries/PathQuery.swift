import TermgraphGraph

/// The shortest path(s) between two terms, or from any article of one category to any of
/// another, by number of links (§4 `path`).
public struct PathQuery: Query {
    public enum Ends: Sendable {
        case terms(String, String)
        case categories(String, String)
    }

    public var ends: Ends
    public var all = false
    public var undirected = false
    /// With `all`, the most paths to list: from 1 to `maximumLimit`.
    public var limit = 1000

    /// The most paths one answer lists (the contract's bound on a server's `limit`): a graph
    /// can have 2⁴⁰ shortest paths, and each listed one is held in memory and printed.
    public static let maximumLimit = 10_000

    public init(_ ends: Ends, all: Bool = false, undirected: Bool = false, limit: Int = 1000) {
        self.ends = ends
        self.all = all
        self.undirected = undirected
        self.limit = limit
    }

    public init(from: String, to: String) {
        self.init(.terms(from, to))
    }

    /// The answer: `length` nil when there is no path.
    public struct Answer: Sendable, Encodable {
        /// The slugs of the two terms, or the two category names.
        public let from: String
        public let to: String
        public let length: Int?
        public let paths: [[TermSummary]]

        /// `length` is always present (null when there is no path); paths are lists of slugs.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(length, forKey: .length)
            try container.encode(paths.map { $0.map(\.slug) }, forKey: .paths)
        }

        private enum CodingKeys: String, CodingKey { case from, to, length, paths }
    }

    public func answer(in workspace: Workspace) throws(QueryError) -> Answer {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw .badParameter("limit must be from 1 to \(Self.maximumLimit), not \(limit)")
        }
        let graph = try workspace.graph().graph
        let sources: [Int], targets: [Int], fromName: String, toName: String
        switch ends {
        case let .categories(a, b):
            (sources, targets) = (try workspace.members(ofCategory: a), try workspace.members(ofCategory: b))
            (fromName, toName) = (a, b)
        case let .terms(a, b):
            let (s, t) = (try workspace.node(a), try workspace.node(b))
            (sources, targets) = ([s], [t])
            (fromName, toName) = (graph.nodes[s].slug, graph.nodes[t].slug)
        }
        let found = graph.shortestPaths(from: sources, to: targets, undirected: undirected, limit: all ? limit : 1)
        return Answer(from: fromName, to: toName, length: found?.length,
                      paths: found?.paths.map { $0.map { TermSummary(graph, $0) } } ?? [])
    }
}
