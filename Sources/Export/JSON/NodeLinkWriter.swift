import TermgraphGraph

/// Writes a graph as NetworkX node-link JSON (`networkx.node_link_graph(data, edges="edges")`,
/// d3): nodes carry their slug as `id` and the attributes the GraphML has, under the same names;
/// lists are JSON arrays, booleans and weights JSON values. One node or edge a line.
///
/// ```swift
/// let bytes = try JSONExporter().bytes(graph)
/// // {"directed": true, "multigraph": false, "graph": {…}, "nodes": [{"id": "backoffice", "label": …}], "edges": […]}
/// ```
struct NodeLinkWriter {
    let graph: KnowledgeGraph
    let names: AttributeNames

    func write(to sink: ([UInt8]) -> Bool) {
        PieceOutput.stream(to: sink) { out in
            out.put("{\"directed\": true, \"multigraph\": false, \"graph\": {")
            var first = true
            for (key, value) in [("title", graph.title), ("language", graph.language)] {
                guard let value, !value.isEmpty else { continue }
                if !first { out.put(", ") }
                first = false
                JSONText.appendString(key, to: &out.bytes); out.put(": "); JSONText.appendString(value, to: &out.bytes)
            }
            out.put("},\n\"nodes\": [")
            let extraNames = Dictionary(uniqueKeysWithValues: names.extra.map { ($0.attribute, $0.name) })
            for v in 0..<graph.nodeCount {
                out.put(v == 0 ? "\n" : ",\n")
                writeNode(v, extraNames: extraNames, to: &out.bytes)
                guard out.flushIfFull() else { return }
            }
            out.put("\n],\n\"edges\": [")
            let slugs = graph.nodes.map(\.slug)
            for e in 0..<graph.edgeCount {
                out.put(e == 0 ? "\n" : ",\n")
                out.put("{\"source\": "); JSONText.appendString(slugs[Int(graph.edgeSource[e])], to: &out.bytes)
                out.put(", \"target\": "); JSONText.appendString(slugs[Int(graph.edgeTarget[e])], to: &out.bytes)
                out.put(", \"weight\": "); out.decimal(Int(graph.edgeWeight[e]))
                let anchors = graph.edgeAnchors[e]
                if !anchors.isEmpty { out.put(", \"anchors\": "); JSONText.appendArray(anchors, to: &out.bytes) }
                out.put("}")
                guard out.flushIfFull() else { return }
            }
            out.put("\n]}\n")
        }
    }

    private func writeNode(_ v: Int, extraNames: [String: String], to out: inout [UInt8]) {
        let node = graph.nodes[v]
        func field(_ key: StaticString, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out.append(", \""); out.append(key); out.append("\": "); JSONText.appendString(value, to: &out)
        }
        func list(_ key: String, _ items: [String]) {
            out.append(", "); JSONText.appendString(key, to: &out); out.append(": "); JSONText.appendArray(items, to: &out)
        }
        out.append("{\"id\": "); JSONText.appendString(node.slug, to: &out)
        field("label", node.title)
        field("slug", node.slug)
        field("description", node.description)
        if !node.keywords.isEmpty { list("keywords", node.keywords) }
        if !node.aliases.isEmpty { list("aliases", node.aliases) }
        if let category = node.category {
            field("category", graph.categoryNames[category])
            out.append(node.categoryInferred ? ", \"category_inferred\": true" : ", \"category_inferred\": false")
        }
        out.append(node.isStub ? ", \"stub\": true" : ", \"stub\": false")
        field("path", node.path)
        for attribute in node.attributes {
            let name = extraNames[attribute.name]!
            switch attribute.value {
            case .text(let value) where !value.isEmpty:
                out.append(", "); JSONText.appendString(name, to: &out); out.append(": "); JSONText.appendString(value, to: &out)
            case .text: continue
            case .list(let items): list(name, items)
            }
        }
        out.append(UInt8(ascii: "}"))
    }
}
