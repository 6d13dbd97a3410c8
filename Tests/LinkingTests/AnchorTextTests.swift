import TermgraphCorpus
import TermgraphGraph
import TermgraphLinking
import Testing
import TestSupport

/// An edge's anchor texts: distinct as strings compare (canonically equivalent texts are one),
/// in first-seen order, and found in time linear in the links even when one article links to
/// one target with tens of thousands of different texts (80,000 took 57 s, 115 s to a stub).
/// The time limit is a hang guard, not a performance assertion.
@Suite(.timeLimit(.minutes(1))) struct AnchorTextTests {
    private func edges(_ markdown: String) throws -> (graph: KnowledgeGraph, anchors: [[String]]) {
        let corpus = try TemporaryCorpus(["a.md": markdown, "b.md": "# B\n"])
        defer { corpus.remove() }
        let graph = try corpus.build().graph
        return (graph, Array(graph.edgeAnchors))
    }

    @Test func thousandsOfDifferentTextsToOneArticle() throws {
        let count = 150_000
        let markdown = (0..<count).map { "[t\($0)](/b) " }.joined() + "\n[t7](/b) [t149999](/b)\n"
        let (graph, anchors) = try edges(markdown)
        #expect(graph.edgeWeight == [Int32(count + 2)])
        #expect(anchors == [(0..<count).map { "t\($0)" }])
    }

    @Test func thousandsOfDifferentTextsToOneWantedTerm() throws {
        let count = 150_000
        let markdown = (0..<count).map { "[t\($0)](/missing) " }.joined() + "\n[t7](/missing)\n"
        let (graph, anchors) = try edges(markdown)
        #expect(graph.nodes.map(\.slug) == ["a", "b", "missing"])
        #expect(graph.edgeWeight == [Int32(count + 1)])
        #expect(anchors == [(0..<count).map { "t\($0)" }])
        // The stub's label: the most used text, t7.
        #expect(graph.nodes[2].title == "t7")
    }

    /// `K` and the Kelvin sign, `é` composed and decomposed, are one text each, whether the edge
    /// has a few texts (compared one by one) or many (looked up by hash).
    @Test func canonicallyEquivalentTextsAreOneText() throws {
        let same = ["K", "\u{212A}", "é", "e\u{301}", "\u{212A}"]
        for target in ["/b", "/missing"] {
            for before in [0, 3, 12] {
                let texts = (0..<before).map { "t\($0)" } + same + ["t0", "x"]
                let (_, anchors) = try edges(texts.map { "[\($0)](\(target))" }.joined(separator: " ") + "\n")
                let expected = (0..<before).map { "t\($0)" } + ["K", "é"] + (before == 0 ? ["t0"] : []) + ["x"]
                #expect(anchors == [expected], "\(before) texts before, to \(target)")
            }
        }
    }

    /// Edges given twice to the graph merge their texts the same way.
    @Test func mergedEdgesKeepEachTextOnce() {
        let count = 100_000
        let nodes = [Node(slug: "a", key: "a", title: "A"), Node(slug: "b", key: "b", title: "B")]
        let edges = (0..<count).map { EdgeRecord(source: 0, target: 1, anchors: $0 == 0 ? ["t0"] : ["t\($0)", "t0"]) }
            + [EdgeRecord(source: 0, target: 1, anchors: ["é", "e\u{301}", "t5"])]
        let graph = KnowledgeGraph(nodes: nodes, edges: edges)
        #expect(graph.edgeWeight == [Int32(count + 1)])
        #expect(Array(graph.edgeAnchors) == [(0..<count).map { "t\($0)" } + ["é"]])
    }
}
