import TermgraphCore
extension KnowledgeGraph {
    /// Gives every hub without a category its own, and every other article without one the
    /// category of its nearest hub, counting links
    /// in either direction; an article with two or more categories at the nearest distance,
    /// or with no hub in reach, keeps none. Stubs are stepping stones but get no category.
    ///
    /// - Parameter hubs: node index → category index, for the hub articles.
    public mutating func inferCategories(hubs: [Int: Int]) {
        let unknown = -1, conflicting = -2
        var label = [Int](repeating: unknown, count: nodeCount)
        var frontier: [Int] = []
        for (hub, category) in hubs.sorted(by: { $0.key < $1.key }) where label[hub] == unknown {
            label[hub] = category
            frontier.append(hub)
        }
        var distance = [Int32](repeating: -1, count: nodeCount)
        for hub in frontier { distance[hub] = 0 }
        var level: Int32 = 0
        while !frontier.isEmpty {
            level += 1
            var next: [Int] = []
            for u in frontier {
                forEachNeighbor(of: u, forward: true, undirected: true) { v in
                    if distance[v] < 0 {
                        distance[v] = level
                        label[v] = label[u]
                        next.append(v)
                    } else if distance[v] == level && label[v] != label[u] {
                        label[v] = conflicting
                    }
                }
            }
            frontier = next
        }
        for v in nodes.indices where !nodes[v].isStub && nodes[v].category == nil && label[v] >= 0 {
            nodes[v].category = label[v]
            // A hub's category is declared in termgraph.yml, not inferred.
            nodes[v].categoryInferred = hubs[v] == nil
        }
    }

    /// Edges from articles of category `row` to articles of category `column`.
    public func categoryMatrix() -> [[Int]] {
        var matrix = Array(repeating: Array(repeating: 0, count: categoryNames.count), count: categoryNames.count)
        for e in 0..<edgeCount {
            if let a = nodes.category(Int(edgeSource[e])), let b = nodes.category(Int(edgeTarget[e])) {
                matrix[a][b] += 1
            }
        }
        return matrix
    }

    /// The articles whose category (explicit or inferred) is `category`, in slug-key order.
    public func members(ofCategory category: Int) -> [Int] {
        nodes.indices.filter { !nodes.isStub($0) && nodes.category($0) == category }
    }
}
