import TermgraphExport
import TermgraphGraph
import Testing

/// Ids when many names make the same id: node ids numbered -2, -3 … in node order, GraphML
/// attribute keys lengthened with `_`, each found without trying every number (or length) from
/// the start again (20,000 such slugs took 12 s, 6,000 such attribute names 11 s). The time
/// limit is a hang guard, not a performance assertion.
@Suite(.timeLimit(.minutes(1))) struct ClashingIdentifierTests {
    /// Sixteen characters an NMTOKEN cannot hold: each is written `_`.
    private let marks = Array("!$&()+,;=@[]^{}~")

    private func ids(_ keys: [String]) -> [String] {
        NodeIdentifiers(KnowledgeGraph(nodes: keys.map { Node(slug: $0, key: $0, title: $0) }, edges: [])).ids
    }

    @Test func thousandsOfSlugsWithOneId() {
        let keys = (0..<50_000).map { i in "n" + String((0..<4).map { marks[(i >> (4 * (3 - $0))) & 15] }) }
        #expect(ids(keys) == ["n____"] + (2...50_000).map { "n____-\($0)" })
    }

    @Test func numbersAlreadyTakenAreSkipped() {
        // c!-2 is written c_-2 before c# needs a number; d_-2 comes after d# was given it.
        #expect(ids(["c!", "c!-2", "c#", "c$", "d!", "d#", "d_-2", "d_-3"]) == ["c_", "c_-2", "c_-3", "c_-4", "d_", "d_-2", "d_-2-2", "d_-3"])
    }

    @Test func thousandsOfAttributeNamesWithOneKey() {
        let names = (0..<4_096).map { i in "k" + String((0..<3).map { marks[(i >> (4 * (2 - $0))) & 15] }) }
        let node = Node(slug: "a", key: "a", title: "A", attributes: names.map { NodeAttribute(name: $0, value: .text("v")) }
                        + [NodeAttribute(name: "k!!!!", value: .text("w"))])
        let text = String(decoding: GraphMLWriter(KnowledgeGraph(nodes: [node], edges: [])).bytes(), as: UTF8.self)
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  <key id=\"fm_") }.map(String.init)
        // k!!!! starts at fm_k____, the second of those ids, and goes on past all of them.
        let expected = names.indices.map { "fm_k___" + String(repeating: "_", count: $0) } + ["fm_k____" + String(repeating: "_", count: 4_095)]
        #expect(keys == expected.map { "  <key id=\"\($0)\" for=\"node\" attr.name=\"\($0)\" attr.type=\"string\"/>" })
    }
}
