import TermgraphCore
import TermgraphGraph

/// Writes a graph as GraphML 1.1, valid against the published schema and readable by NetworkX,
/// igraph, Gephi, yEd and Cytoscape.
///
/// ```swift
/// let bytes = GraphMLWriter(graph).bytes()
/// ```
///
/// Every `<key>` names its domain (`for`) and type, as Gephi needs; `name` repeats the title for
/// Cytoscape, which labels nodes by it. With `yEd` set the document also carries yFiles'
/// `nodegraphics` and `edgegraphics` (a `y:ShapeNode` with its `y:NodeLabel`, in the category's
/// colours), without which yEd shows no labels; those keys are yFiles' extension of GraphML and
/// not in its schema.
///
/// A byte writer rather than libxml2's `xmlTextWriter`: the output is the same, three times
/// faster on a million edges (see docs/contract-notes.md), and the tests validate every
/// export with libxml2 against the schema.
public struct GraphMLWriter: Sendable {
    let graph: KnowledgeGraph
    let ids: NodeIdentifiers
    let names: AttributeNames
    /// Whether to add yEd's label and shape keys.
    public var yEd = false

    /// - Parameters:
    ///   - ids: the graph's node ids, when another writer has made them already.
    ///   - names: the same for the attribute names.
    public init(_ graph: KnowledgeGraph, ids: NodeIdentifiers? = nil, names: AttributeNames? = nil, yEd: Bool = false) {
        self.graph = graph
        self.ids = ids ?? NodeIdentifiers(graph)
        self.names = names ?? AttributeNames(graph)
        self.yEd = yEd
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
        if yEd { head.put("xmlns:y=\"http://www.yworks.com/xml/graphml\" ") }
        head.put("xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd\">\n")
        func key(_ name: String, _ domain: StaticString, _ type: StaticString) {
            head.put("  <key id=\""); head.attribute(name); head.put("\" for=\""); head.put(domain)
            head.put("\" attr.name=\""); head.attribute(name); head.put("\" attr.type=\""); head.put(type); head.put("\"/>\n")
        }
        for k in AttributeNames.builtInGraph { key(k.name, "graph", k.type) }
        for k in AttributeNames.builtInNode { key(k.name, "node", k.type) }
        key("name", "node", "string")
        for extra in names.extra { key(extra.name, "node", "string") }
        for k in AttributeNames.builtInEdge { key(k.name, "edge", k.type) }
        if yEd {
            head.put("  <key id=\"nodegraphics\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n")
            head.put("  <key id=\"edgegraphics\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n")
        }
        head.put("  <graph id=\"G\" edgedefault=\"directed\">\n")
        if let title = graph.title, !title.isEmpty {
            head.put("    <data key=\"title\">"); head.text(title); head.put("</data>\n")
        }
        if let language = graph.language, !language.isEmpty {
            head.put("    <data key=\"language\">"); head.text(language); head.put("</data>\n")
        }
        guard sink(head.bytes) else { return }
        let extraNames = Dictionary(uniqueKeysWithValues: names.extra.map { ($0.attribute, $0.name) })
        // A node's element is a few times longer than an edge's: its slices are smaller.
        for wave in Self.waves(graph.nodeCount, slice: 1024) {
            for piece in Parallel.map(wave, chunk: 1, { range in
                var out = Text()
                for v in range { writeNode(v, extraNames: extraNames, to: &out) }
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

    private func writeNode(_ v: Int, extraNames: [String: String], to out: inout Text) {
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
        out.data("name", node.title)
        for attribute in node.attributes {
            switch attribute.value {
            case .text(let value): out.data(extraNames[attribute.name]!, value)
            case .list(let items): out.data(extraNames[attribute.name]!, list: items)
            }
        }
        if yEd { writeShape(node, to: &out) }
        out.put("    </node>\n")
    }

    /// yEd's drawing of a node: a rounded box as wide as its label, in its category's colours
    /// (outlined only for inferred members, dashed for stubs).
    private func writeShape(_ node: Node, to out: inout Text) {
        let colours = node.isStub ? CategoryColours.stub : node.category.map(CategoryColours.of) ?? CategoryColours.neutral
        let fill = node.categoryInferred || node.isStub ? "#ffffff" : colours.fill
        out.put("      <data key=\"nodegraphics\"><y:ShapeNode><y:Geometry height=\"30.0\" width=\"")
        out.bytes.appendDecimal(max(60, 12 + 8 * node.title.count))
        out.put(".0\" x=\"0.0\" y=\"0.0\"/><y:Fill color=\""); out.bytes.append(contentsOf: fill.utf8)
        out.put("\" transparent=\"false\"/><y:BorderStyle color=\""); out.bytes.append(contentsOf: colours.border.utf8)
        out.put(node.isStub || node.categoryInferred ? "\" type=\"dashed\" width=\"1.0\"/>" : "\" type=\"line\" width=\"1.0\"/>")
        out.put("<y:NodeLabel>"); out.text(node.title); out.put("</y:NodeLabel><y:Shape type=\"roundrectangle\"/></y:ShapeNode></data>\n")
    }

    private func writeEdge(_ e: Int, to out: inout Text) {
        out.put("    <edge id=\"e"); out.bytes.appendDecimal(e); out.put("\" source=\""); out.attribute(ids.ids[Int(graph.edgeSource[e])])
        out.put("\" target=\""); out.attribute(ids.ids[Int(graph.edgeTarget[e])]); out.put("\">\n")
        out.put("      <data key=\"weight\">"); out.bytes.appendDecimal(Int(graph.edgeWeight[e])); out.put("</data>\n")
        let anchors = graph.edgeAnchors[e]
        if !anchors.isEmpty { out.data("anchors", list: anchors) }
        if yEd {
            out.put("      <data key=\"edgegraphics\"><y:PolyLineEdge><y:LineStyle color=\"#64748b\" type=\"")
            out.put(graph.nodes.isStub(Int(graph.edgeTarget[e])) ? "dashed" : "line")
            out.put("\" width=\"1.0\"/><y:Arrows source=\"none\" target=\"standard\"/></y:PolyLineEdge></data>\n")
        }
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
