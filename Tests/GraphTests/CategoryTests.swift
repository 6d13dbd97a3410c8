import TermgraphGraph
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1))) struct CategoryTests {
    /// Hubs 0 (category 0) and 4 (category 1) on a line 0–1–2–3–4, plus 5 hanging off 1, 6 unreachable.
    private func line() -> KnowledgeGraph {
        var graph = makeGraph(7, [(0, 1), (2, 1), (2, 3), (4, 3), (5, 1)])
        graph = KnowledgeGraph(nodes: Array(graph.nodes), edges: (0..<graph.edgeCount).map {
            EdgeRecord(source: graph.edgeSource[$0], target: graph.edgeTarget[$0])
        }, categoryNames: ["front", "back"])
        graph.inferCategories(hubs: [0: 0, 4: 1])
        return graph
    }

    @Test func nearestHubByUndirectedDistance() {
        let graph = line()
        #expect(graph.nodes.map(\.category) == [0, 0, nil, 1, 1, 0, nil])
        #expect(graph.nodes.map(\.categoryInferred) == [false, true, false, true, false, true, false])
    }

    @Test func explicitCategoriesAreKept() {
        var nodes = Array(makeGraph(3, []).nodes)
        nodes[2].category = 1
        var graph = KnowledgeGraph(nodes: nodes, edges: [EdgeRecord(source: 0, target: 2), EdgeRecord(source: 1, target: 2)],
                                   categoryNames: ["a", "b"])
        graph.inferCategories(hubs: [0: 0])
        // 1 reaches the hub through 2 (undirected), so it is inferred; 2 keeps its own; the hub's is declared.
        #expect(graph.nodes.map(\.category) == [0, 0, 1])
        #expect(graph.nodes.map(\.categoryInferred) == [false, true, false])
    }

    @Test func tiesSpreadAsNoCategory() {
        // 2 is equidistant from both hubs; 5 is reached only through 2.
        var graph = KnowledgeGraph(nodes: Array(makeGraph(6, []).nodes),
                                   edges: [EdgeRecord(source: 0, target: 2), EdgeRecord(source: 4, target: 2), EdgeRecord(source: 2, target: 5)],
                                   categoryNames: ["a", "b"])
        graph.inferCategories(hubs: [0: 0, 4: 1])
        #expect(graph.nodes[2].category == nil)
        #expect(graph.nodes[5].category == nil)
    }

    @Test func crossCategoryMatrixCountsEdges() {
        let graph = line()
        // Edges: 0→1 (0,0), 2→1 (-,0), 2→3 (-,1), 4→3 (1,1), 5→1 (0,0).
        let matrix = graph.categoryMatrix()
        #expect(matrix == CategoryMatrix(size: 2, cells: [.init(row: 0, column: 0, count: 2), .init(row: 1, column: 1, count: 1)]))
        #expect([matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1]] == [2, 0, 0, 1])
        #expect(graph.members(ofCategory: 1) == [3, 4])
    }

    /// 200,000 categories in a ring: 200,000 cells, where a full matrix (40 billion counts,
    /// 320 GB) ended the process.
    @Test func theMatrixHoldsOnlyCellsThatAreNotZero() {
        let n = 200_000
        var nodes = Array(makeGraph(n, []).nodes)
        for i in nodes.indices { nodes[i].category = i }
        let graph = KnowledgeGraph(nodes: nodes, edges: (0..<n).map { EdgeRecord(source: Int32($0), target: Int32(($0 + 1) % n)) },
                                   categoryNames: (0..<n).map { "c\($0)" })
        let matrix = graph.categoryMatrix()
        #expect(matrix.size == n)
        #expect(matrix.cells == (0..<n).map { CategoryMatrix.Cell(row: $0, column: ($0 + 1) % n, count: 1) })
        #expect(matrix[n - 1, 0] == 1 && matrix[0, 1] == 1 && matrix[0, 0] == 0 && matrix[1, 0] == 0)
    }
}
