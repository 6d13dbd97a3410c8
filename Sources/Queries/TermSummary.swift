import TermgraphGraph

/// A term as answers name it: its slug and its title.
public struct TermSummary: Sendable, Equatable, Codable {
    public let slug: String
    public let title: String

    public init(_ graph: KnowledgeGraph, _ v: Int) {
        let node = graph.nodes[v]
        slug = node.slug
        title = node.title
    }
}
