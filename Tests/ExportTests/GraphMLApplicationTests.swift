import TermgraphExport
import TermgraphGraph
import Testing
import TestSupport

/// What Gephi, Cytoscape and yEd need of a GraphML file beyond the schema.
@Suite struct GraphMLApplicationTests {
    @Test func everyKeyNamesItsDomainAndTypeAndNameIsTheTitle() throws {
        let text = String(decoding: try GraphMLExporter().bytes(exportFixture()), as: UTF8.self)
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  <key ") }.map(String.init)
        #expect(keys == [
            "title graph string", "language graph string", "label node string", "slug node string", "description node string",
            "keywords node string", "aliases node string", "category node string", "category_inferred node boolean", "stub node boolean",
            "path node string", "name node string", "lang node string", "tags node string", "fm_weight node string",
            "weight edge int", "anchors edge string",
        ].map { spec in
            let p = spec.split(separator: " ")
            return "  <key id=\"\(p[0])\" for=\"\(p[1])\" attr.name=\"\(p[0])\" attr.type=\"\(p[2])\"/>"
        })
        #expect(text.contains("      <data key=\"name\">مكتب خلفي</data>\n"))
        #expect(!text.contains("yfiles"))
    }

    @Test func theYEdVariantDrawsEveryNodeWithItsLabel() throws {
        let text = String(decoding: try GraphMLExporter(yEd: true).bytes(exportFixture()), as: UTF8.self)
        #expect(text.contains("xmlns:y=\"http://www.yworks.com/xml/graphml\""))
        #expect(text.contains("  <key id=\"nodegraphics\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"))
        #expect(text.contains("  <key id=\"edgegraphics\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n"))
        let shapes = text.split(separator: "\n").filter { $0.contains("<y:ShapeNode>") }
        #expect(shapes.count == 4)
        #expect(shapes[0] == ##"      <data key="nodegraphics"><y:ShapeNode><y:Geometry height="30.0" width="84.0" x="0.0" y="0.0"/><y:Fill color="#dbeafe" transparent="false"/><y:BorderStyle color="#1d4ed8" type="line" width="1.0"/><y:NodeLabel>مكتب خلفي</y:NodeLabel><y:Shape type="roundrectangle"/></y:ShapeNode></data>"##)
        // The stub is dashed grey; the inferred member outlined, not filled.
        #expect(shapes[1].contains(##"<y:BorderStyle color="#94a3b8" type="dashed""##))
        #expect(shapes[2].contains(##"<y:Fill color="#ffffff" transparent="false"/><y:BorderStyle color="#1d4ed8" type="dashed""##))
        #expect(text.split(separator: "\n").filter { $0.contains("<y:PolyLineEdge>") }.count == 4)
    }

    @Test func frontMatterKeysAnyFormatReservesArePrefixed() throws {
        let names = ["name", "id", "pid", "start", "end", "viz", "spells", "a:b", "ok-key"]
        let node = Node(slug: "a", key: "a", title: "A", attributes: names.map { NodeAttribute(name: $0, value: .text("v")) })
        #expect(AttributeNames(KnowledgeGraph(nodes: [node], edges: [])).extra.map(\.name)
                == ["fm_name", "fm_id", "fm_pid", "fm_start", "fm_end", "fm_viz", "fm_spells", "fm_a_b", "ok-key"])
    }
}
