import Foundation
import TermgraphExport
import TermgraphGraph
import Testing
import TestSupport

private let gexfSchema = SharedFolder.url.appendingPathComponent("schemas/gexf/gexf.xsd").path

@Suite struct GEXFTests {
    private func text(_ graph: KnowledgeGraph) throws -> String {
        String(decoding: try GEXFExporter().bytes(graph), as: UTF8.self)
    }

    @Test func declaresEveryAttributeWithItsTypeAndNoPid() throws {
        let node = Node(slug: "a", key: "a", title: "A", attributes: [NodeAttribute(name: "pid", value: .text("7")),
                                                                        NodeAttribute(name: "id", value: .text("x"))])
        let text = try text(KnowledgeGraph(nodes: [node], edges: []))
        let declared = text.split(separator: "\n").filter { $0.contains("<attribute id=") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(declared == [
            #"<attribute id="slug" title="slug" type="string"/>"#, #"<attribute id="description" title="description" type="string"/>"#,
            #"<attribute id="keywords" title="keywords" type="string"/>"#, #"<attribute id="aliases" title="aliases" type="string"/>"#,
            #"<attribute id="category" title="category" type="string"/>"#,
            #"<attribute id="category_inferred" title="category_inferred" type="boolean"/>"#,
            #"<attribute id="stub" title="stub" type="boolean"/>"#, #"<attribute id="path" title="path" type="string"/>"#,
            #"<attribute id="fm_pid" title="fm_pid" type="string"/>"#, #"<attribute id="fm_id" title="fm_id" type="string"/>"#,
            #"<attribute id="anchors" title="anchors" type="string"/>"#,
        ])
        #expect(!text.contains("\"pid\""))
    }

    @Test func nodesCarryLabelsJSONListsAndCategoryColours() throws {
        let text = try text(exportFixture())
        #expect(text.contains(#"""
                  <node id="backoffice" label="مكتب خلفي">
                    <attvalues>
                      <attvalue for="slug" value="backoffice"/>
                      <attvalue for="description" value="Settlement, &quot;records&quot; &amp; more"/>
                      <attvalue for="keywords" value="[&quot;Back Office&quot;,&quot;a;b%c&quot;]"/>
                      <attvalue for="aliases" value="[&quot;Back Office&quot;,&quot;مكتب خلفي&quot;,&quot;/old-back&quot;]"/>
                      <attvalue for="category" value="back"/>
                      <attvalue for="category_inferred" value="false"/>
                      <attvalue for="stub" value="false"/>
                      <attvalue for="path" value="backoffice.md"/>
                      <attvalue for="lang" value="ar"/>
                      <attvalue for="tags" value="[&quot;x&quot;,&quot;y&quot;]"/>
                      <attvalue for="fm_weight" value="7"/>
                    </attvalues>
                    <viz:color r="29" g="78" b="216"/>
                  </node>
            """#))
        // A line end in an attribute value is a reference, or a parser would read a space.
        #expect(text.contains(#"<attvalue for="description" value="line1&#10;line2"/>"#))
        #expect(text.contains(#"<node id="web:api" label="Web API">"#))
        #expect(text.contains(#"<viz:color r="148" g="163" b="184"/>"#))  // the stub
        #expect(text.contains(#"<edge id="e1" source="backoffice" target="settlement" weight="3">"#))
        #expect(text.contains(#"<edge id="e3" source="web:api" target="backoffice" weight="2"/>"#))
        #expect(text.contains(#"<graph defaultedgetype="directed" mode="static">"#))
    }

    @Test(.enabled(if: SharedFolder.isPresent, SharedFolder.skipMessage))
    func fixtureAndHostileTextAreSchemaValid() throws {
        #expect(XMLSchemaValidator(schemaPath: gexfSchema).validate(try GEXFExporter().bytes(exportFixture())) == [])
        #expect(XMLSchemaValidator(schemaPath: gexfSchema).validate(try GEXFExporter().bytes(hostileGraph())) == [])
    }
}
