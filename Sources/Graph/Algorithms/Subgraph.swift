import TermgraphCore

extension KnowledgeGraph {
    /// The part of the graph made of the nodes `keep` says yes to and the edges between them,
    /// with every node as it is here (categories, inferred or not, are the whole graph's).
    ///
    /// ```swift
    /// graph.subgraph { !graph.nodes.isStub($0) }   // the same as withoutStubs()
    /// ```
    public func subgraph(keeping keep: (Int) -> Bool) -> KnowledgeGraph {
        var position = [Int32](repeating: -1, count: nodeCount)
        var kept: [Node] = []
        for v in 0..<nodeCount where keep(v) {
            position[v] = Int32(kept.count)
            kept.append(nodes[v])
        }
        var edges: [EdgeRecord] = []
        for e in 0..<edgeCount {
            let s = position[Int(edgeSource[e])], t = position[Int(edgeTarget[e])]
            if s >= 0 && t >= 0 { edges.append(EdgeRecord(source: s, target: t, weight: edgeWeight[e], anchors: edgeAnchors[e])) }
        }
        return KnowledgeGraph(nodes: kept, edges: edges, categoryNames: categoryNames, title: title, language: language)
    }

    /// The part of the graph made of the nodes whose entry in `mask` is true.
    public func subgraph(keeping mask: [Bool]) -> KnowledgeGraph {
        subgraph { mask[$0] }
    }

    /// Whether each node is within `depth` links of `start`, following links either way (as
    /// `neighbors --direction both` does); `start` itself is.
    public func within(_ depth: Int, linksOf start: Int) -> [Bool] {
        distances(from: start, depth: depth, forward: true, undirected: true).map { $0 >= 0 }
    }

    /// Whether each node belongs to the category: its articles, inferred members included, and
    /// the stubs they link to (the category's wanted terms).
    public func inCategory(_ category: Int) -> [Bool] {
        var member = (0..<nodeCount).map { nodes.category($0) == category && !nodes.isStub($0) }
        for u in 0..<nodeCount where member[u] {
            for v in successors(of: u) where nodes.isStub(Int(v)) { member[Int(v)] = true }
        }
        return member
    }
}
