import TermgraphCore
import TermgraphGraph

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

    /// - Parameter ids: the graph's node ids, when another writer has made them already.
    public init(_ graph: KnowledgeGraph, ids: NodeIdentifiers? = nil) {
        self.graph = graph
        self.ids = ids ?? NodeIdentifiers(graph)
    }

    /// Fill and border colours, one pair per category, cycling when there are more categories.
    static let palette: [(fill: String, border: String)] = [
        ("#dbeafe", "#1d4ed8"), ("#fef3c7", "#b45309"), ("#dcfce7", "#15803d"), ("#fce7f3", "#be185d"),
        ("#ede9fe", "#6d28d9"), ("#ccfbf1", "#0f766e"), ("#fee2e2", "#b91c1c"), ("#e0e7ff", "#4338ca"),
    ]

    public func bytes() -> [UInt8] {
        var all: [UInt8] = []
        write { all.append(contentsOf: $0); return true }
        return all
    }

    /// Hands the document to `sink` in pieces of about a megabyte, in order, until the sink
    /// answers false (its file cannot take more).
    public func write(to sink: ([UInt8]) -> Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(Self.pieceSize + 64 * 1024)
        var open = true
        func flushIfFull() {
            if out.count >= Self.pieceSize {
                open = open && sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out.append("digraph "); Self.appendQuoted(graph.title ?? "termgraph", to: &out); out.append(" {\n")
        out.append("  graph [charset=\"UTF-8\", layout=fdp, outputorder=edgesfirst, fontname=")
        Self.appendQuoted(fontName, to: &out); out.append(", fontsize=22")
        if let title = graph.title { out.append(", label="); Self.appendQuoted(title, to: &out); out.append(", labelloc=t") }
        out.append("];\n")
        out.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#475569\", fontname=")
        Self.appendQuoted(fontName, to: &out); out.append(", fontsize=13];\n")
        out.append("  edge [color=\"#64748b88\", arrowsize=0.6];\n")

        var byCategory = Array(repeating: [Int](), count: graph.categoryNames.count)
        var loose: [Int] = []
        for (v, node) in graph.nodes.enumerated() {
            if let c = node.category { byCategory[c].append(v) } else { loose.append(v) }
        }
        for (c, members) in byCategory.enumerated() where !members.isEmpty {
            let colours = Self.palette[c % Self.palette.count]
            out.append("  subgraph \"cluster_"); out.appendDecimal(c); out.append("\" {\n")
            out.append("    graph [label="); Self.appendQuoted(graph.categoryNames[c], to: &out)
            out.append(", style=\"rounded,filled\", fillcolor=\""); out.append(contentsOf: colours.fill.utf8)
            out.append("66\", color=\""); out.append(contentsOf: colours.border.utf8); out.append("\", penwidth=2];\n")
            for v in members {
                out.append("    ")
                appendNodeStatement(v, colours: colours, to: &out)
                flushIfFull()
                guard open else { return }
            }
            out.append("  }\n")
        }
        for v in loose {
            out.append("  ")
            appendNodeStatement(v, colours: nil, to: &out)
            flushIfFull()
            guard open else { return }
        }
        for e in 0..<graph.edgeCount {
            let target = Int(graph.edgeTarget[e])
            out.append("  "); Self.appendQuoted(ids.ids[Int(graph.edgeSource[e])], to: &out)
            out.append(" -> "); Self.appendQuoted(ids.ids[target], to: &out)
            out.append(" [weight="); out.appendDecimal(Int(graph.edgeWeight[e]))
            let anchors = graph.edgeAnchors[e]
            if !anchors.isEmpty {
                // quote(anchors.joined(separator: " · ")), without the joined copy.
                out.append(", tooltip=\"")
                for (i, anchor) in anchors.enumerated() {
                    if i > 0 { out.append(" · ") }
                    Self.appendEscaped(anchor, to: &out)
                }
                out.append(UInt8(ascii: "\""))
            }
            if graph.nodes.isStub(target) { out.append(", style=dashed") }
            out.append("];\n")
            flushIfFull()
            guard open else { return }
        }
        out.append("}\n")
        _ = sink(out)
    }

    static let pieceSize = 1 << 20

    private func appendNodeStatement(_ v: Int, colours: (fill: String, border: String)?, to out: inout [UInt8]) {
        let node = graph.nodes[v]
        Self.appendQuoted(ids.ids[v], to: &out)
        out.append(" [label="); Self.appendQuoted(node.title, to: &out)
        if let description = node.description, !description.isEmpty {
            out.append(", tooltip="); Self.appendQuoted(description, to: &out)
        }
        if node.isStub {
            out.append(", style=\"rounded,dashed\", color=\"#94a3b8\", fontcolor=\"#64748b\", stub=true")
        } else if let colours, let category = node.category {
            // Inferred members are outlined in the category's colour but not filled with it.
            out.append(", fillcolor=\""); out.append(contentsOf: (node.categoryInferred ? "#ffffff" : colours.fill).utf8)
            out.append("\", color=\""); out.append(contentsOf: colours.border.utf8)
            out.append("\", category="); Self.appendQuoted(graph.categoryNames[category], to: &out)
            out.append(node.categoryInferred ? ", category_inferred=true, style=\"rounded,filled,dashed\"" : ", category_inferred=false")
        }
        out.append("];\n")
    }

    /// A DOT double-quoted string: `"` and `\` escaped, line ends as `\n`, other control characters dropped.
    public static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `quote(text)`'s UTF-8 bytes.
    private static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(text, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `text` escaped for the inside of a DOT quoted string: `"` and `\` escaped, line
    /// ends as `\n`, other control characters dropped.
    private static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        text.withUTF8Bytes { bytes in
            out.appendEscaped(bytes) { byte in
                switch byte {
                case UInt8(ascii: "\""): return "\\\""
                case UInt8(ascii: "\\"): return "\\\\"
                case UInt8(ascii: "\n"): return "\\n"
                case 0x00..<0x20, 0x7F: return ""
                default: return nil
                }
            }
        }
    }
}
