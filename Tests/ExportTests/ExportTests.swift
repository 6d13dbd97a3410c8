import TermgraphExport
import TermgraphStorage
import Foundation
import TermgraphGraph
import Testing
import TestSupport

private let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
private let schemaPath = shared.appendingPathComponent("schemas/graphml/graphml.xsd").path
private let hasSchema = FileManager.default.fileExists(atPath: schemaPath)

/// Titles that have broken exporters: markup, quotes, backslashes, controls, bidi marks, Arabic.
let hostileTitles = [
    "مكتب خلفي", "a < b & c > d", "]]> and <![CDATA[", "\"quoted\" 'single'", "back\\slash\\", "line\nbreak\r\nend",
    "bell\u{07}nul\u{0}esc\u{1B}", "\u{202E}reversed\u{202C} \u{200F}rlm", "non-char \u{FFFE}\u{FFFF}", "</data><node id=\"evil\"/>",
]

func hostileGraph() -> KnowledgeGraph {
    var nodes = hostileTitles.enumerated().map { i, title in
        Node(slug: "t\(i)", key: "t\(i)", title: title, description: title, keywords: [title, "k,2"],
             attributes: [NodeAttribute(name: "weight", value: .text("5")), NodeAttribute(name: "my key", value: .text(title))])
    }
    nodes.append(Node(slug: "Web/API/Gamepad", key: "web/api/gamepad", title: "Gamepad", category: 0))
    nodes.append(Node(slug: "a b", key: "a b", title: "space", category: 1, categoryInferred: true))
    nodes.append(Node(slug: "a_b", key: "a_b", title: "underscore"))
    nodes.append(Node(slug: "wanted", key: "wanted", title: "Wanted \"term\"", isStub: true))
    let edges = (0..<nodes.count - 1).map { EdgeRecord(source: Int32($0), target: Int32($0 + 1), weight: Int32($0 + 1), anchors: [hostileTitles[$0 % hostileTitles.count]]) }
    return KnowledgeGraph(nodes: nodes, edges: edges, categoryNames: ["front", "back \"office\""], title: "T <&>", language: "ar")
}

@Suite struct GraphMLTests {
    @Test(.enabled(if: hasSchema, "../shared is absent (a fresh clone): skipping schema validation"))
    func hostileTextStaysSchemaValid() {
        let bytes = GraphMLWriter(hostileGraph()).bytes()
        #expect(XMLSchemaValidator(schemaPath: schemaPath).validate(bytes) == [])
    }

    @Test(.enabled(if: hasSchema, "../shared is absent (a fresh clone): skipping schema validation"))
    func theValidatorRejectsInvalidGraphML() {
        let broken = Array("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"sideways\"/></graphml>".utf8)
        #expect(XMLSchemaValidator(schemaPath: schemaPath).validate(broken).count == 1)
    }

    @Test func arabicIsWrittenAsCharactersAndMarkupIsEscaped() {
        let text = String(decoding: GraphMLWriter(hostileGraph()).bytes(), as: UTF8.self)
        #expect(text.contains("<data key=\"label\">مكتب خلفي</data>"))
        #expect(!text.contains("&#16"))  // no numeric references for Arabic (U+06xx = &#16xx;)
        #expect(text.contains("<data key=\"label\">a &lt; b &amp; c &gt; d</data>"))
        #expect(text.contains("<data key=\"label\">&lt;/data&gt;&lt;node id=\"evil\"/&gt;</data>"))
        #expect(text.contains("<data key=\"label\">bellnulesc</data>"))
        #expect(text.contains("<data key=\"label\">non-char </data>"))
        #expect(text.contains("<data key=\"label\">line\nbreak&#13;\nend</data>"))
        #expect(text.components(separatedBy: "<node ").count - 1 == 14)
    }

    @Test func keysNameTheirAttributesAndClashesArePrefixed() {
        let text = String(decoding: GraphMLWriter(hostileGraph()).bytes(), as: UTF8.self)
        #expect(text.contains("<key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>"))
        #expect(text.contains("<key id=\"fm_weight\" for=\"node\" attr.name=\"fm_weight\" attr.type=\"string\"/>"))
        #expect(text.contains("<key id=\"fm_my_key\" for=\"node\" attr.name=\"fm_my_key\" attr.type=\"string\"/>"))
        #expect(text.contains("<key id=\"stub\" for=\"node\" attr.name=\"stub\" attr.type=\"boolean\"/>"))
        #expect(text.contains("<data key=\"keywords\">[\"مكتب خلفي\",\"k,2\"]</data>"))
        #expect(text.contains("<data key=\"category\">back \"office\"</data>\n      <data key=\"category_inferred\">true</data>"))
    }

    @Test func nodeIdsAreReadableUniqueTokens() {
        let ids = NodeIdentifiers(hostileGraph()).ids
        #expect(Array(ids.prefix(3)) == ["a_b", "a_b-2", "t0"])
        #expect(ids.contains("web:api:gamepad"))
        #expect(NodeIdentifiers(makeArabicGraph()).ids == ["مكتب_خلفي"])
    }

    private func makeArabicGraph() -> KnowledgeGraph {
        KnowledgeGraph(nodes: [Node(slug: "مكتب خلفي", key: "مكتب خلفي", title: "x")], edges: [])
    }

    @Test func exportsAreDeterministic() {
        #expect(GraphMLWriter(hostileGraph()).bytes() == GraphMLWriter(hostileGraph()).bytes())
        #expect(DOTWriter(hostileGraph()).bytes() == DOTWriter(hostileGraph()).bytes())
    }
}

@Suite struct DOTTests {
    @Test func quotingEscapesQuotesBackslashesAndLineEnds() {
        #expect(DOTWriter.quote("a \"b\" c") == "\"a \\\"b\\\" c\"")
        #expect(DOTWriter.quote("trailing\\") == "\"trailing\\\\\"")
        #expect(DOTWriter.quote("two\nlines\r\n") == "\"two\\nlines\\n\"")
        #expect(DOTWriter.quote("bell\u{07}") == "\"bell\"")
        #expect(DOTWriter.quote("مكتب") == "\"مكتب\"")
    }

    @Test func clustersPerCategoryStubsDashedAndCharset() {
        let text = String(decoding: DOTWriter(hostileGraph()).bytes(), as: UTF8.self)
        #expect(text.contains("charset=\"UTF-8\""))
        #expect(text.contains("subgraph \"cluster_0\" {\n    graph [label=\"front\""))
        #expect(text.contains("subgraph \"cluster_1\" {\n    graph [label=\"back \\\"office\\\"\""))
        #expect(text.contains("\"wanted\" [label=\"Wanted \\\"term\\\"\", style=\"rounded,dashed\""))
        #expect(text.contains("\"t0\" [label=\"مكتب خلفي\", tooltip=\"مكتب خلفي\"]"))
    }
}

@Suite struct AtomicFileTests {
    @Test func replacesTheFileAndLeavesNoTemporaryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("graph.graphml")
        try AtomicFile.write(Array("old".utf8), to: file)
        try AtomicFile.write(Array("new".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["graph.graphml"])
    }

    @Test func aFailedWriteLeavesTheOldFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("graph.dot")
        try AtomicFile.write(Array("old".utf8), to: file)
        // A folder standing where the file should go: the rename fails, the temporary file is removed.
        let blocked = folder.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: WriteError.self) { try AtomicFile.write(Array("new".utf8), to: blocked) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["blocked", "graph.dot"])
    }
}
