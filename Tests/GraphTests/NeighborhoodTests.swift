import TermgraphGraph
import Testing
import TestSupport

@Suite struct NeighborhoodTests {
    private func summary(_ found: [Neighbor]) -> [String] {
        found.map { "\($0.node)@\($0.distance):\($0.direction)" }
    }

    @Test func outgoingNeighborhoodByDepth() {
        #expect(summary(cormenDigraph.neighbors(of: 0, depth: 1, direction: .out)) == ["1@1:out", "3@1:out"])
        #expect(summary(cormenDigraph.neighbors(of: 0, depth: 2, direction: .out)) == ["1@1:out", "3@1:out", "4@2:out"])
    }

    @Test func incomingNeighborhood() {
        #expect(summary(cormenDigraph.neighbors(of: 4, depth: 1, direction: .in)) == ["1@1:in", "2@1:in"])
        #expect(summary(cormenDigraph.neighbors(of: 4, depth: 2, direction: .in)) == ["1@1:in", "2@1:in", "0@2:in", "3@2:in"])
    }

    @Test func bothDirectionsLabelHowEachTermIsReached() {
        // From 3: 0→3 and 4→3 link in, 3→1 links out; 2 is two links back (2→4→3);
        // 5 is three links away only by changing direction (5←2→4→3).
        let found = summary(cormenDigraph.neighbors(of: 3, depth: 3, direction: .both))
        #expect(found == ["0@1:in", "1@1:out", "4@1:in", "2@2:in", "5@3:mixed"])
        // 1 is both: 3→1 directly, and 1→4→3 backwards at distance 2 (longer, so only out counts).
        #expect(summary(cormenDigraph.neighbors(of: 1, depth: 1, direction: .both)) == ["0@1:in", "3@1:in", "4@1:out"])
    }

    @Test func selfLoopsAreNotNeighbors() {
        #expect(cormenDigraph.neighbors(of: 5, depth: 3, direction: .both).map(\.node) == [2, 4, 1, 3])
        #expect(cormenDigraph.neighbors(of: 5, depth: 4, direction: .both).map(\.node) == [2, 4, 1, 3, 0])
        #expect(cormenDigraph.neighbors(of: 5, depth: 5, direction: .out).map(\.node) == [])
    }
}
