import TermgraphGraph

/// Builds a graph from `u→v` pairs over nodes n000000, n000001, … (zero-padded so that slug
/// order, and so node index, equals the number).
public func makeGraph(_ count: Int, _ edges: [(Int, Int)], stubs: Set<Int> = []) -> KnowledgeGraph {
    let nodes = (0..<count).map { i in
        let slug = "n" + String(repeating: "0", count: 6 - String(i).count) + String(i)
        return Node(slug: slug, key: slug, title: "Node \(i)", isStub: stubs.contains(i))
    }
    return KnowledgeGraph(nodes: nodes, edges: edges.map { EdgeRecord(source: Int32($0.0), target: Int32($0.1)) })
}

/// The graph from the issue on which many published bidirectional searches answer wrongly:
/// the searches meet at node 3 or 4 first and report 0,1,3,4,6 (4 links) instead of 0,2,5,6 (3).
public let bidirectionalTrap = makeGraph(7, [(0, 1), (0, 2), (1, 3), (3, 4), (4, 6), (2, 5), (5, 6)])

/// The textbook digraph of Cormen et al., *Introduction to Algorithms*, 3rd ed., Figure 22.2(a)
/// (vertices 1–6 renumbered 0–5): 0→1, 0→3, 1→4, 2→4, 2→5, 3→1, 4→3, 5→5.
public let cormenDigraph = makeGraph(6, [(0, 1), (0, 3), (1, 4), (2, 4), (2, 5), (3, 1), (4, 3), (5, 5)])
