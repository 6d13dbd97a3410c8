import Foundation
import TermgraphExport
import TermgraphGraph
import Testing
import TestSupport

@Suite struct NodeLinkJSONTests {
    @Test func fixtureIsWrittenExactly() throws {
        let text = String(decoding: try JSONExporter().bytes(exportFixture()), as: UTF8.self)
        #expect(text == #"""
            {"directed": true, "multigraph": false, "graph": {"title": "Glossary", "language": "ar"},
            "nodes": [
            {"id": "backoffice", "label": "مكتب خلفي", "slug": "backoffice", "description": "Settlement, \"records\" & more", "keywords": ["Back Office","a;b%c"], "aliases": ["Back Office","مكتب خلفي","/old-back"], "category": "back", "category_inferred": false, "stub": false, "path": "backoffice.md", "lang": "ar", "tags": ["x","y"], "fm_weight": "7"},
            {"id": "missing", "label": "مفقود", "slug": "missing", "stub": true},
            {"id": "settlement", "label": "تسوية", "slug": "settlement", "description": "line1\nline2", "aliases": ["Settlement"], "category": "back", "category_inferred": true, "stub": false, "path": "settlement.md", "tags": ["z"]},
            {"id": "Web/API", "label": "Web API", "slug": "Web/API", "stub": false, "path": "web/api.md", "lang": "en"}
            ],
            "edges": [
            {"source": "backoffice", "target": "missing", "weight": 1, "anchors": ["مفقود"]},
            {"source": "backoffice", "target": "settlement", "weight": 3, "anchors": ["التسوية","again"]},
            {"source": "settlement", "target": "backoffice", "weight": 1, "anchors": ["back"]},
            {"source": "Web/API", "target": "backoffice", "weight": 2}
            ]}

            """#)
    }

    @Test func anEmptyGraphIsStillNodeLinkData() throws {
        let text = String(decoding: try JSONExporter().bytes(KnowledgeGraph(nodes: [], edges: [])), as: UTF8.self)
        #expect(text == "{\"directed\": true, \"multigraph\": false, \"graph\": {},\n\"nodes\": [\n],\n\"edges\": [\n]}\n")
    }

    @Test func hostileTextParsesBackToTheCleanedText() throws {
        let bytes = try JSONExporter().bytes(hostileGraph())
        let data = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let labels = (data["nodes"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
        // XML-forbidden controls and U+FFFE/U+FFFF are dropped, as in the GraphML; the rest is kept.
        #expect(labels.contains("bellnulesc"))
        #expect(labels.contains("non-char "))
        #expect(labels.contains("line\nbreak\r\nend"))
        #expect(labels.contains("</data><node id=\"evil\"/>"))
        #expect(labels.contains("\u{202E}reversed\u{202C} \u{200F}rlm"))
    }
}
