import TermgraphGraph

/// Writes a graph as GEXF 1.2 (Gephi's format), valid against its schema with the visual
/// elements in their own namespace: node ids as in the GraphML, `label` = title, every other
/// attribute declared with its type under its GraphML name (lists as JSON-array strings), edge
/// `weight`, and each node coloured by its category (`viz:color`).
///
/// ```swift
/// let bytes = try GEXFExporter().bytes(graph)
/// ```
struct GEXFWriter {
    let graph: KnowledgeGraph
    let ids: NodeIdentifiers
    let names: AttributeNames

    func write(to sink: ([UInt8]) -> Bool) {
        PieceOutput.stream(to: sink) { out in
            out.put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            out.put("<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" ")
            out.put("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
            out.put("xsi:schemaLocation=\"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd\" version=\"1.2\">\n")
            out.put("  <meta>\n    <creator>termgraph</creator>\n")
            if let title = graph.title, !title.isEmpty { out.put("    <description>"); XMLText.append(title, to: &out.bytes); out.put("</description>\n") }
            out.put("  </meta>\n")
            out.put("  <graph defaultedgetype=\"directed\" mode=\"static\">\n")
            out.put("    <attributes class=\"node\">\n")
            for k in AttributeNames.builtInNode where k.name != "label" { declare(k.name, Self.gexfType(k.type), to: &out) }
            for extra in names.extra { declare(extra.name, "string", to: &out) }
            out.put("    </attributes>\n    <attributes class=\"edge\">\n")
            for k in AttributeNames.builtInEdge where k.name != "weight" { declare(k.name, Self.gexfType(k.type), to: &out) }
            out.put("    </attributes>\n    <nodes>\n")
            let extraNames = Dictionary(uniqueKeysWithValues: names.extra.map { ($0.attribute, $0.name) })
            for v in 0..<graph.nodeCount {
                writeNode(v, extraNames: extraNames, to: &out)
                guard out.flushIfFull() else { return }
            }
            out.put("    </nodes>\n    <edges>\n")
            for e in 0..<graph.edgeCount {
                out.put("      <edge id=\"e"); out.decimal(e)
                out.put("\" source=\""); XMLText.append(ids.ids[Int(graph.edgeSource[e])], attribute: true, to: &out.bytes)
                out.put("\" target=\""); XMLText.append(ids.ids[Int(graph.edgeTarget[e])], attribute: true, to: &out.bytes)
                out.put("\" weight=\""); out.decimal(Int(graph.edgeWeight[e])); out.put("\"")
                let anchors = graph.edgeAnchors[e]
                if anchors.isEmpty {
                    out.put("/>\n")
                } else {
                    out.put(">\n        <attvalues>\n")
                    value("anchors", list: anchors, to: &out)
                    out.put("        </attvalues>\n      </edge>\n")
                }
                guard out.flushIfFull() else { return }
            }
            out.put("    </edges>\n  </graph>\n</gexf>\n")
        }
    }

    private static func gexfType(_ graphMLType: StaticString) -> StaticString {
        switch "\(graphMLType)" {
        case "boolean": "boolean"
        case "int": "integer"
        default: "string"
        }
    }

    private func declare(_ name: String, _ type: StaticString, to out: inout PieceOutput) {
        out.put("      <attribute id=\""); XMLText.append(name, attribute: true, to: &out.bytes)
        out.put("\" title=\""); XMLText.append(name, attribute: true, to: &out.bytes)
        out.put("\" type=\""); out.put(type); out.put("\"/>\n")
    }

    private func writeNode(_ v: Int, extraNames: [String: String], to out: inout PieceOutput) {
        let node = graph.nodes[v]
        out.put("      <node id=\""); XMLText.append(ids.ids[v], attribute: true, to: &out.bytes)
        out.put("\" label=\""); XMLText.append(node.title, attribute: true, to: &out.bytes); out.put("\">\n")
        out.put("        <attvalues>\n")
        value("slug", node.slug, to: &out)
        value("description", node.description, to: &out)
        if !node.keywords.isEmpty { value("keywords", list: node.keywords, to: &out) }
        if !node.aliases.isEmpty { value("aliases", list: node.aliases, to: &out) }
        if let category = node.category {
            value("category", graph.categoryNames[category], to: &out)
            value("category_inferred", node.categoryInferred ? "true" : "false", to: &out)
        }
        value("stub", node.isStub ? "true" : "false", to: &out)
        value("path", node.path, to: &out)
        for attribute in node.attributes {
            switch attribute.value {
            case .text(let text): value(extraNames[attribute.name]!, text, to: &out)
            case .list(let items): value(extraNames[attribute.name]!, list: items, to: &out)
            }
        }
        out.put("        </attvalues>\n")
        let colour = CategoryColours.channels(node.isStub ? CategoryColours.stub.border
                                              : node.category.map { CategoryColours.of($0).border } ?? CategoryColours.neutral.border)
        out.put("        <viz:color r=\""); out.decimal(colour.r); out.put("\" g=\""); out.decimal(colour.g)
        out.put("\" b=\""); out.decimal(colour.b); out.put("\"/>\n      </node>\n")
    }

    private func value(_ name: String, _ text: String?, to out: inout PieceOutput) {
        guard let text, !text.isEmpty else { return }
        out.put("          <attvalue for=\""); XMLText.append(name, attribute: true, to: &out.bytes)
        out.put("\" value=\""); XMLText.append(text, attribute: true, to: &out.bytes); out.put("\"/>\n")
    }

    private func value(_ name: String, list items: [String], to out: inout PieceOutput) {
        var json: [UInt8] = []
        JSONText.appendArray(items, to: &json)
        out.put("          <attvalue for=\""); XMLText.append(name, attribute: true, to: &out.bytes)
        out.put("\" value=\""); json.withUnsafeBufferPointer { XMLText.append($0, attribute: true, to: &out.bytes) }; out.put("\"/>\n")
    }
}
