import TermgraphExport
import TermgraphGraph
import Testing

/// Ids when many names make the same id: node ids numbered -2, -3 … in node order, GraphML
/// attribute keys numbered _2, _3 …, each found without trying every number (or length) from
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
        let node = Node(slug: "a", key: "a", title: "A", attributes: [NodeAttribute(name: "fm_k____3", value: .text("x"))]
                        + names.map { NodeAttribute(name: $0, value: .text("v")) } + [NodeAttribute(name: "k!!!!", value: .text("w"))])
        let text = String(decoding: GraphMLWriter(KnowledgeGraph(nodes: [node], edges: [])).bytes(), as: UTF8.self)
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  <key id=\"fm_") }.map(String.init)
        // The clashes of fm_k___ are numbered from 2, skipping 3, which a key of that very name
        // holds; k!!!! makes fm_k____, which none of them is.
        let expected = ["fm_k____3", "fm_k___"] + ([2] + Array(4...4_097)).map { "fm_k____\($0)" } + ["fm_k____"]
        #expect(keys == expected.map { "  <key id=\"\($0)\" for=\"node\" attr.name=\"\($0)\" attr.type=\"string\"/>" })
    }

    /// 10,000 front-matter keys of one article (`a☀`, `a☁` …) that all make the name `fm_a_`:
    /// lengthened with `_` each, their names took 50 MB, and the GraphML of a 400 KB corpus was
    /// 144 MB. Numbered, the names grow with the count's digits only.
    @Test func clashingAttributeNamesGrowByTheirNumberOnly() {
        let names = (0..<10_000).map { "a" + String(Unicode.Scalar(0x2600 + $0)!) }
        let node = Node(slug: "a", key: "a", title: "A", attributes: names.map { NodeAttribute(name: $0, value: .text("v")) })
        let bytes = GraphMLWriter(KnowledgeGraph(nodes: [node], edges: [])).bytes()
        #expect(bytes.count < 2_000_000, "\(bytes.count) bytes")
        #expect(Set(AttributeNames(KnowledgeGraph(nodes: [node], edges: [])).extra.map(\.name)).count == 10_000)
    }
}
