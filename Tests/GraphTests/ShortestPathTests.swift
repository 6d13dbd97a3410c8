import TermgraphGraph
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1))) struct ShortestPathTests {
    @Test func bidirectionalSearchFindsTheTrueShortestPath() {
        let found = bidirectionalTrap.shortestPaths(from: [0], to: [6])
        #expect(found == ShortestPaths(length: 3, paths: [[0, 2, 5, 6]]))
    }

    @Test func allShortestPathsAreListedInSlugOrder() {
        let diamond = makeGraph(5, [(0, 2), (0, 1), (1, 3), (2, 3), (3, 4), (0, 4)])
        #expect(diamond.shortestPaths(from: [0], to: [3], limit: 10)?.paths == [[0, 1, 3], [0, 2, 3]])
        #expect(diamond.shortestPaths(from: [0], to: [3])?.paths == [[0, 1, 3]])
        #expect(diamond.shortestPaths(from: [0], to: [4], limit: 10)?.paths == [[0, 4]])
    }

    @Test func limitCapsTheNumberOfPaths() {
        // Three layers of two nodes: 8 shortest paths from 0 to 7.
        var edges: [(Int, Int)] = [(0, 1), (0, 2)]
        edges += [(1, 3), (1, 4), (2, 3), (2, 4), (3, 5), (3, 6), (4, 5), (4, 6), (5, 7), (6, 7)]
        let graph = makeGraph(8, edges)
        let all = graph.shortestPaths(from: [0], to: [7], limit: 100)
        #expect(all?.paths.count == 8)
        #expect(all?.paths.first == [0, 1, 3, 5, 7])
        #expect(all?.paths.last == [0, 2, 4, 6, 7])
        #expect(graph.shortestPaths(from: [0], to: [7], limit: 3)?.paths == Array(all!.paths.prefix(3)))
    }

    /// 40 diamonds in a chain (node 3i to 3i+1 and 3i+2, both to 3i+3) have 2⁴⁰ shortest paths:
    /// the first 10,000 are listed, in slug order, without touching the others.
    @Test func aChainOfDiamondsListsItsFirstPathsInOrder() {
        let diamonds = 40
        var edges: [(Int, Int)] = []
        for i in 0..<diamonds {
            let top = 3 * i
            edges += [(top, top + 1), (top, top + 2), (top + 1, top + 3), (top + 2, top + 3)]
        }
        let graph = makeGraph(3 * diamonds + 1, edges)
        /// The k-th path in slug order takes the second way through diamond i when bit 39 - i of k is set.
        func path(_ k: Int) -> [Int] {
            var path = [0]
            for i in 0..<diamonds {
                let second = (k >> (diamonds - 1 - i)) & 1
                path += [3 * i + 1 + second, 3 * i + 3]
            }
            return path
        }
        for undirected in [false, true] {
            let found = graph.shortestPaths(from: [0], to: [3 * diamonds], undirected: undirected, limit: 10_000)
            #expect(found?.length == 2 * diamonds)
            #expect(found?.paths == (0..<10_000).map(path))
        }
        #expect(graph.shortestPaths(from: [0], to: [3 * diamonds])?.paths == [path(0)])
    }

    /// Every path crosses a hub with 300,000 other links: its way on is found once, not once a
    /// path (10,000 paths were 3 billion steps).
    @Test func aHubOnEveryPathIsScannedOnce() {
        let ways = 10_000, others = 300_000
        let hub = ways + 1, target = ways + 2
        var edges = (1...ways).flatMap { [(0, $0), ($0, hub)] }
        edges.append((hub, target))
        edges += (0..<others).map { (hub, target + 1 + $0) }
        let graph = makeGraph(target + 1 + others, edges)
        let found = graph.shortestPaths(from: [0], to: [target], limit: 10_000)
        #expect(found == ShortestPaths(length: 3, paths: (1...ways).map { [0, $0, hub, target] }))
    }

    @Test func directionMattersUnlessUndirected() {
        #expect(cormenDigraph.shortestPaths(from: [3], to: [0]) == nil)
        #expect(cormenDigraph.shortestPaths(from: [3], to: [0], undirected: true) == ShortestPaths(length: 1, paths: [[3, 0]]))
        #expect(cormenDigraph.shortestPaths(from: [0], to: [4])?.paths == [[0, 1, 4]])
        #expect(cormenDigraph.shortestPaths(from: [2], to: [1])?.length == 3)
    }

    @Test func aNodeReachesItselfInZeroLinks() {
        #expect(cormenDigraph.shortestPaths(from: [2], to: [2]) == ShortestPaths(length: 0, paths: [[2]]))
    }

    @Test func groupsAnswerFromTheNearestMemberPair() {
        // From {0, 5} to {3, 6} in the trap graph: 5→6 is one link.
        #expect(bidirectionalTrap.shortestPaths(from: [0, 5], to: [3, 6]) == ShortestPaths(length: 1, paths: [[5, 6]]))
        #expect(bidirectionalTrap.shortestPaths(from: [0, 3], to: [3, 6]) == ShortestPaths(length: 0, paths: [[3]]))
    }

    @Test func emptyAndDisconnectedGraphsHaveNoPath() {
        #expect(makeGraph(0, []).shortestPaths(from: [], to: []) == nil)
        let split = makeGraph(4, [(0, 1), (2, 3)])
        #expect(split.shortestPaths(from: [0], to: [3], undirected: true) == nil)
    }

    @Test func selfLoopsAndDuplicateEdgesAreMergedAway() {
        let graph = KnowledgeGraph(
            nodes: [Node(slug: "b", key: "b", title: "B"), Node(slug: "a", key: "a", title: "A")],
            edges: [EdgeRecord(source: 0, target: 0), EdgeRecord(source: 0, target: 1, weight: 2, anchors: ["x"]),
                    EdgeRecord(source: 0, target: 1, weight: 1, anchors: ["y", "x"])])
        #expect(graph.nodes.map(\.slug) == ["a", "b"])
        #expect(graph.edgeCount == 1)
        #expect(graph.edgeSource == [1] && graph.edgeTarget == [0])
        #expect(graph.edgeWeight == [3])
        #expect(Array(graph.edgeAnchors) == [["x", "y"]])
    }

    @Test func aLongChainDoesNotExhaustTheStack() {
        let n = 200_000
        let chain = makeGraph(n, (0..<(n - 1)).map { ($0, $0 + 1) })
        #expect(chain.shortestPaths(from: [0], to: [n - 1])?.length == n - 1)
    }
}
