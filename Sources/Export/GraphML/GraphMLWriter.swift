import TermgraphCore
import TermgraphGraph

/// Writes a graph as GraphML 1.1, valid against the published schema and readable by NetworkX,
/// igraph, Gephi, yEd and Cytoscape.
///
/// ```swift
/// let bytes = GraphMLWriter(graph).bytes()
/// ```
///
/// A byte writer rather than libxml2's `xmlTextWriter`: the output is the same, three times
/// faster on a million edges (see docs/contract-notes.md), and the tests validate every
/// export with libxml2 against the schema.
public struct GraphMLWriter: Sendable {
    let graph: KnowledgeGraph
    let ids: NodeIdentifiers

    /// - Parameter ids: the graph's node ids, when another writer has made them already.
    public init(_ graph: KnowledgeGraph, ids: NodeIdentifiers? = nil) {
        self.graph = graph
        self.ids = ids ?? NodeIdentifiers(graph)
    }

    private struct Key {
        let name: String
        let domain: StaticString
        let type: StaticString
    }

    private static let builtInNodeKeys: [Key] = [
        Key(name: "label", domain: "node", type: "string"),
        Key(name: "slug", domain: "node", type: "string"),
        Key(name: "description", domain: "node", type: "string"),
        Key(name: "keywords", domain: "node", type: "string"),
        Key(name: "aliases", domain: "node", type: "string"),
        Key(name: "category", domain: "node", type: "string"),
        Key(name: "category_inferred", domain: "node", type: "boolean"),
        Key(name: "stub", domain: "node", type: "boolean"),
        Key(name: "path", domain: "node", type: "string"),
    ]
    private static let edgeKeys: [Key] = [
        Key(name: "weight", domain: "edge", type: "int"),
        Key(name: "anchors", domain: "edge", type: "string"),
    ]
    private static let graphKeys: [Key] = [
        Key(name: "title", domain: "graph", type: "string"),
        Key(name: "language", domain: "graph", type: "string"),
    ]

    /// GraphML key id for each front-matter attribute name, in first-seen node order.
    private func attributeKeys() -> [(attribute: String, id: String)] {
        var reserved = Set((Self.builtInNodeKeys + Self.edgeKeys + Self.graphKeys).map(\.name))
        // For an id that clashed, the last one made from it with `_`s: every one up to it is
        // taken, so the next clash goes on from there instead of trying each length again.
        var lastFrom: [String: String] = [:]
        var result: [(String, String)] = []
        var seen: Set<String> = []
        for node in graph.nodes {
            for attribute in node.attributes where !seen.contains(attribute.name) {
                seen.insert(attribute.name)
                var id = NodeIdentifiers.token(attribute.name)
                if id != attribute.name || reserved.contains(id) || id.isEmpty { id = "fm_" + id }
                if reserved.contains(id) {
                    let first = id
                    id = lastFrom[first] ?? first
                    repeat { id += "_" } while reserved.contains(id)
                    lastFrom[first] = id
                }
                reserved.insert(id)
                result.append((attribute.name, id))
            }
        }
        return result
    }

    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        write { out.append(contentsOf: $0); return true }
        return out
    }

    /// Hands the document to `sink` piece by piece, in order. Nodes and edges are written in
    /// slices on every core, a few slices at a time, so that memory holds a few pieces, never
    /// the whole document. Stops when the sink answers false (its file cannot take more).
    public func write(to sink: ([UInt8]) -> Bool) {
        var head = Text()
        head.put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        head.put("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ")
        head.put("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
        head.put("xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd\">\n")
        let extra = attributeKeys()
        let keys = Self.graphKeys + Self.builtInNodeKeys
            + extra.map { Key(name: $0.id, domain: "node", type: "string") } + Self.edgeKeys
        for key in keys {
            head.put("  <key id=\""); head.attribute(key.name); head.put("\" for=\""); head.put(key.domain)
            head.put("\" attr.name=\""); head.attribute(key.name); head.put("\" attr.type=\""); head.put(key.type); head.put("\"/>\n")
        }
        head.put("  <graph id=\"G\" edgedefault=\"directed\">\n")
        if let title = graph.title, !title.isEmpty {
            head.put("    <data key=\"title\">"); head.text(title); head.put("</data>\n")
        }
        if let language = graph.language, !language.isEmpty {
            head.put("    <data key=\"language\">"); head.text(language); head.put("</data>\n")
        }
        guard sink(head.bytes) else { return }
        let extraIDs = Dictionary(uniqueKeysWithValues: extra.map { ($0.attribute, $0.id) })
        // A node's element is a few times longer than an edge's: its slices are smaller.
        for wave in Self.waves(graph.nodeCount, slice: 1024) {
            for piece in Parallel.map(wave, chunk: 1, { range in
                var out = Text()
                for v in range { writeNode(v, extraIDs: extraIDs, to: &out) }
                return out.bytes
            }) { guard sink(piece) else { return } }
        }
        for wave in Self.waves(graph.edgeCount, slice: 4096) {
            for piece in Parallel.map(wave, chunk: 1, { range in
                var out = Text()
                for e in range { writeEdge(e, to: &out) }
                return out.bytes
            }) { guard sink(piece) else { return } }
        }
        var tail = Text()
        tail.put("  </graph>\n</graphml>\n")
        _ = sink(tail.bytes)
    }

    /// `0..<count` cut into slices, sixteen slices to a wave.
    private static func waves(_ count: Int, slice: Int) -> [[Range<Int>]] {
        let slices = stride(from: 0, to: count, by: slice).map { $0..<min($0 + slice, count) }
        return stride(from: 0, to: slices.count, by: 16).map { Array(slices[$0..<min($0 + 16, slices.count)]) }
    }

    private func writeNode(_ v: Int, extraIDs: [String: String], to out: inout Text) {
        let node = graph.nodes[v]
        out.put("    <node id=\""); out.attribute(ids.ids[v]); out.put("\">\n")
        out.data("label", node.title)
        out.data("slug", node.slug)
        out.data("description", node.description)
        if !node.keywords.isEmpty { out.data("keywords", list: node.keywords) }
        if !node.aliases.isEmpty { out.data("aliases", list: node.aliases) }
        if let category = node.category {
            out.data("category", graph.categoryNames[category])
            out.data("category_inferred", node.categoryInferred ? "true" : "false")
        }
        out.data("stub", node.isStub ? "true" : "false")
        out.data("path", node.path)
        for attribute in node.attributes {
            switch attribute.value {
            case .text(let value): out.data(extraIDs[attribute.name]!, value)
            case .list(let items): out.data(extraIDs[attribute.name]!, list: items)
            }
        }
        out.put("    </node>\n")
    }

    private func writeEdge(_ e: Int, to out: inout Text) {
        out.put("    <edge id=\"e"); out.bytes.appendDecimal(e); out.put("\" source=\""); out.attribute(ids.ids[Int(graph.edgeSource[e])])
        out.put("\" target=\""); out.attribute(ids.ids[Int(graph.edgeTarget[e])]); out.put("\">\n")
        out.put("      <data key=\"weight\">"); out.bytes.appendDecimal(Int(graph.edgeWeight[e])); out.put("</data>\n")
        let anchors = graph.edgeAnchors[e]
        if !anchors.isEmpty { out.data("anchors", list: anchors) }
        out.put("    </edge>\n")
    }

    /// One piece of the document being written.
    private struct Text {
        var bytes: [UInt8] = []
        /// A list is written as JSON text, escaped as XML: the JSON goes through this buffer.
        private var json: [UInt8] = []

        mutating func put(_ s: StaticString) { bytes.append(s) }
        mutating func text(_ s: String) { XMLText.append(s, to: &bytes) }
        mutating func attribute(_ s: String) { XMLText.append(s, attribute: true, to: &bytes) }

        mutating func data(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            put("      <data key=\""); bytes.append(contentsOf: key.utf8); put("\">"); text(value); put("</data>\n")
        }

        mutating func data(_ key: String, list items: [String]) {
            json.removeAll(keepingCapacity: true)
            JSONText.appendArray(items, to: &json)
            put("      <data key=\""); bytes.append(contentsOf: key.utf8); put("\">")
            json.withUnsafeBufferPointer { XMLText.append($0, to: &bytes) }
            put("</data>\n")
        }
    }
}
