import Graph

/// Writes a graph in Graphviz's DOT language: one coloured cluster per category, stubs dashed,
/// every ID and string quoted and escaped so that any text parses.
///
/// The graph asks for the force-directed `fdp` layout: a glossary is a dense web of links with
/// cycles everywhere, which a layered `dot` layout draws as long tangled edges. (Graphviz's
/// `fdp` places clusters differently from run to run; the DOT text itself is deterministic.)
///
/// ```swift
/// let bytes = DOTWriter(graph).bytes()   // then: dot -Tsvg:cairo graph.dot
/// ```
public struct DOTWriter {
    let graph: KnowledgeGraph
    let ids: NodeIdentifiers
    /// The font family for labels; it must have Arabic glyphs for Arabic corpora.
    public var fontName = "Noto Sans Arabic"

    public init(_ graph: KnowledgeGraph) {
        self.graph = graph
        self.ids = NodeIdentifiers(graph)
    }

    /// Fill and border colours, one pair per category, cycling when there are more categories.
    static let palette: [(fill: String, border: String)] = [
        ("#dbeafe", "#1d4ed8"), ("#fef3c7", "#b45309"), ("#dcfce7", "#15803d"), ("#fce7f3", "#be185d"),
        ("#ede9fe", "#6d28d9"), ("#ccfbf1", "#0f766e"), ("#fee2e2", "#b91c1c"), ("#e0e7ff", "#4338ca"),
    ]

    public func bytes() -> [UInt8] {
        var out = ""
        out.reserveCapacity(200 * graph.nodeCount + 60 * graph.edgeCount + 1024)
        out += "digraph \(Self.quote(graph.title ?? "termgraph")) {\n"
        out += "  graph [charset=\"UTF-8\", layout=fdp, outputorder=edgesfirst, fontname=\(Self.quote(fontName)), fontsize=22"
        if let title = graph.title { out += ", label=\(Self.quote(title)), labelloc=t" }
        out += "];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#475569\", fontname=\(Self.quote(fontName)), fontsize=13];\n"
        out += "  edge [color=\"#64748b88\", arrowsize=0.6];\n"

        var byCategory = Array(repeating: [Int](), count: graph.categoryNames.count)
        var loose: [Int] = []
        for (v, node) in graph.nodes.enumerated() {
            if let c = node.category { byCategory[c].append(v) } else { loose.append(v) }
        }
        for (c, members) in byCategory.enumerated() where !members.isEmpty {
            let colours = Self.palette[c % Self.palette.count]
            out += "  subgraph \(Self.quote("cluster_\(c)")) {\n"
            out += "    graph [label=\(Self.quote(graph.categoryNames[c])), style=\"rounded,filled\", fillcolor=\"\(colours.fill)66\", color=\"\(colours.border)\", penwidth=2];\n"
            for v in members { out += "    " + nodeStatement(v, colours: colours) }
            out += "  }\n"
        }
        for v in loose { out += "  " + nodeStatement(v, colours: nil) }
        for e in 0..<graph.edgeCount {
            out += "  \(Self.quote(ids.ids[Int(graph.edgeSource[e])])) -> \(Self.quote(ids.ids[Int(graph.edgeTarget[e])]))"
            out += " [weight=\(graph.edgeWeight[e])"
            if !graph.edgeAnchors[e].isEmpty { out += ", tooltip=\(Self.quote(graph.edgeAnchors[e].joined(separator: " · ")))" }
            if graph.nodes[Int(graph.edgeTarget[e])].isStub { out += ", style=dashed" }
            out += "];\n"
        }
        out += "}\n"
        return Array(out.utf8)
    }

    private func nodeStatement(_ v: Int, colours: (fill: String, border: String)?) -> String {
        let node = graph.nodes[v]
        var attributes = ["label=\(Self.quote(node.title))"]
        if let description = node.description, !description.isEmpty { attributes.append("tooltip=\(Self.quote(description))") }
        if node.isStub {
            attributes.append("style=\"rounded,dashed\"")
            attributes.append("color=\"#94a3b8\"")
            attributes.append("fontcolor=\"#64748b\"")
            attributes.append("stub=true")
        } else if let colours, let category = node.category {
            // Inferred members are outlined in the category's colour but not filled with it.
            attributes.append("fillcolor=\"\(node.categoryInferred ? "#ffffff" : colours.fill)\"")
            attributes.append("color=\"\(colours.border)\"")
            attributes.append("category=\(Self.quote(graph.categoryNames[category]))")
            attributes.append("category_inferred=\(node.categoryInferred)")
            if node.categoryInferred { attributes.append("style=\"rounded,filled,dashed\"") }
        }
        return "\(Self.quote(ids.ids[v])) [\(attributes.joined(separator: ", "))];\n"
    }

    /// A DOT double-quoted string: `"` and `\` escaped, line ends as `\n`, other control characters dropped.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
