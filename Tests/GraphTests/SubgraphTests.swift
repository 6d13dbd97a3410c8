import TermgraphGraph
import Testing
import TestSupport

@Suite struct SubgraphTests {
    @Test func withinFollowsLinksEitherWay() {
        // Cormen's digraph: 0→1, 0→3, 1→4, 2→4, 2→5, 3→1, 4→3, 5→5.
        #expect(cormenDigraph.within(0, linksOf: 4) == [false, false, false, false, true, false])
        #expect(cormenDigraph.within(1, linksOf: 4) == [false, true, true, true, true, false])
        #expect(cormenDigraph.within(2, linksOf: 4) == [true, true, true, true, true, true])
    }

    @Test func aSubgraphKeepsTheEdgesBetweenItsNodesAndTheirData() {
        let part = cormenDigraph.subgraph(keeping: cormenDigraph.within(1, linksOf: 4))
        #expect(part.nodes.map(\.slug) == ["n000001", "n000002", "n000003", "n000004"])
        #expect(zip(part.edgeSource, part.edgeTarget).map { [$0, $1] } == [[0, 3], [1, 3], [2, 0], [3, 2]])
    }

    @Test func aCategoryIsItsMembersAndTheStubsTheyLinkTo() {
        let nodes = [Node(slug: "a", key: "a", title: "A", category: 0), Node(slug: "b", key: "b", title: "B", category: 0, categoryInferred: true),
                     Node(slug: "c", key: "c", title: "C", category: 1), Node(slug: "s", key: "s", title: "S", isStub: true),
                     Node(slug: "t", key: "t", title: "T", isStub: true)]
        let graph = KnowledgeGraph(nodes: nodes, edges: [EdgeRecord(source: 0, target: 3), EdgeRecord(source: 2, target: 4),
                                                         EdgeRecord(source: 1, target: 2), EdgeRecord(source: 0, target: 1)],
                                   categoryNames: ["x", "y"])
        #expect(graph.inCategory(0) == [true, true, false, true, false])
        let part = graph.subgraph(keeping: graph.inCategory(0))
        #expect(part.nodes.map(\.slug) == ["a", "b", "s"])
        #expect(part.nodes.map(\.categoryInferred) == [false, true, false])
        #expect(part.edgeCount == 2)
        #expect(part.categoryNames == ["x", "y"])
    }
}
