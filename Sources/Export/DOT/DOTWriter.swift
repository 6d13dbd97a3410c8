import TermgraphCore
import TermgraphGraph

/// Writes a graph in Graphviz's DOT language: one coloured cluster per category, stubs dashed,
/// every ID and string quoted and escaped so that any text parses.
///
/// The graph asks for Graphviz's `dot` layout: of the engines that draw clusters (`dot`,
/// `fdp`) it is the one whose picture is the same on every run. Links between categories do
/// not constrain its ranks, so that each category is drawn as a compact cluster. A quoted string longer than
/// Graphviz can read (16 KB) is written as pieces joined by `+`, which Graphviz concatenates.
///
/// ```swift
/// let bytes = DOTWriter(graph).bytes()   // then: dot -Tsvg graph.dot
/// ```
public struct DOTWriter {
    let graph: KnowledgeGraph
    let ids: NodeIdentifiers
    /// The font family for labels; it must have Arabic glyphs for Arabic corpora.
    public var fontName = "Noto Sans Arabic"
    /// Where each node links to (`URL`), for a picture; nil leaves a node without a link.
    public var links: [String?]?

    /// - Parameter ids: the graph's node ids, when another writer has made them already.
    public init(_ graph: KnowledgeGraph, ids: NodeIdentifiers? = nil) {
        self.graph = graph
        self.ids = ids ?? NodeIdentifiers(graph)
    }

    public func bytes() -> [UInt8] {
        var all: [UInt8] = []
        write { all.append(contentsOf: $0); return true }
        return all
    }

    /// Hands the document to `sink` in pieces of about a megabyte, in order, until the sink
    /// answers false (its file cannot take more).
    public func write(to sink: ([UInt8]) -> Bool) {
        PieceOutput.stream(to: sink) { out in
            writeHead(to: &out.bytes)
            var byCategory = Array(repeating: [Int](), count: graph.categoryNames.count)
            var loose: [Int] = []
            for v in 0..<graph.nodeCount {
                if let c = graph.nodes.category(v) { byCategory[c].append(v) } else { loose.append(v) }
            }
            for (c, members) in byCategory.enumerated() where !members.isEmpty {
                let colours = CategoryColours.of(c)
                out.put("  subgraph \"cluster_"); out.decimal(c); out.put("\" {\n")
                out.put("    graph [label="); Self.appendQuoted(graph.categoryNames[c], to: &out.bytes)
                out.put(", style=\"rounded,filled\", fillcolor=\""); out.put(colours.fill)
                out.put("66\", color=\""); out.put(colours.border); out.put("\", penwidth=2];\n")
                for v in members {
                    out.put("    ")
                    appendNodeStatement(v, colours: colours, to: &out.bytes)
                    guard out.flushIfFull() else { return }
                }
                out.put("  }\n")
            }
            for v in loose {
                out.put("  ")
                appendNodeStatement(v, colours: nil, to: &out.bytes)
                guard out.flushIfFull() else { return }
            }
            for e in 0..<graph.edgeCount {
                appendEdgeStatement(e, to: &out.bytes)
                guard out.flushIfFull() else { return }
            }
            out.put("}\n")
        }
    }

    private func writeHead(to out: inout [UInt8]) {
        out.append("digraph "); Self.appendQuoted(graph.title ?? "termgraph", to: &out); out.append(" {\n")
        out.append("  graph [charset=\"UTF-8\", layout=dot, ranksep=0.5, nodesep=0.25, outputorder=edgesfirst, fontname=")
        Self.appendQuoted(fontName, to: &out); out.append(", fontsize=22")
        if let title = graph.title { out.append(", label="); Self.appendQuoted(title, to: &out); out.append(", labelloc=t") }
        out.append("];\n")
        out.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#475569\", fontname=")
        Self.appendQuoted(fontName, to: &out); out.append(", fontsize=13];\n")
        out.append("  edge [color=\"#64748b88\", arrowsize=0.6];\n")
    }

    private func appendEdgeStatement(_ e: Int, to out: inout [UInt8]) {
        let target = Int(graph.edgeTarget[e])
        out.append("  "); Self.appendQuoted(ids.ids[Int(graph.edgeSource[e])], to: &out)
        out.append(" -> "); Self.appendQuoted(ids.ids[target], to: &out)
        out.append(" [weight="); out.appendDecimal(Int(graph.edgeWeight[e]))
        let anchors = graph.edgeAnchors[e]
        if !anchors.isEmpty {
            out.append(", tooltip=")
            Self.appendQuoted(anchors.joined(separator: " · "), to: &out)
        }
        if graph.nodes.isStub(target) { out.append(", style=dashed") }
        // Only links inside a category rank its members: the offices stay compact clusters
        // instead of being stretched by every link between them.
        if graph.nodes.category(Int(graph.edgeSource[e])) != graph.nodes.category(target) { out.append(", constraint=false") }
        out.append("];\n")
    }

    private func appendNodeStatement(_ v: Int, colours: (fill: String, border: String)?, to out: inout [UInt8]) {
        let node = graph.nodes[v]
        Self.appendQuoted(ids.ids[v], to: &out)
        out.append(" [label="); Self.appendQuoted(node.title, to: &out)
        if let description = node.description, !description.isEmpty {
            out.append(", tooltip="); Self.appendQuoted(description, to: &out)
        } else if links != nil {
            // A picture's tooltip without a description: Graphviz would show the label's escapes.
            out.append(", tooltip="); Self.appendQuoted(node.title, to: &out)
        }
        if let link = links?[v] {
            out.append(", URL="); Self.appendQuoted(link, to: &out); out.append(", target=\"_top\"")
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

    /// A DOT double-quoted string: `"` and `\` escaped, line ends as `\n`, other control
    /// characters dropped; past `pieceLimit` bytes, pieces joined by ` + `.
    public static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The longest quoted piece written, in bytes between the quotes: well below the 16,384
    /// bytes Graphviz's scanner takes in one string.
    static let pieceLimit = 8 * 1024

    /// Appends `quote(text)`'s UTF-8 bytes.
    private static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let start = out.count
        appendEscaped(text, to: &out)
        if out.count - start > pieceLimit { splitIntoPieces(from: start, in: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Cuts the escaped text at `out[start...]` into pieces of at most `pieceLimit` bytes, joined
    /// by `" + "`: never inside a character's UTF-8 bytes, nor between a backslash and what it
    /// escapes.
    private static func splitIntoPieces(from start: Int, in out: inout [UInt8]) {
        let escaped = Array(out[start...])
        out.removeSubrange(start...)
        var begin = 0
        while escaped.count - begin > pieceLimit {
            var cut = begin + pieceLimit
            while cut > begin + 1 && (escaped[cut] & 0xC0 == 0x80 || endsInOpenEscape(escaped, begin..<cut)) { cut -= 1 }
            out.append(contentsOf: escaped[begin..<cut])
            out.append("\" + \"")
            begin = cut
        }
        out.append(contentsOf: escaped[begin...])
    }

    /// Whether `bytes[range]` ends in an odd run of backslashes (the next byte is escaped by it).
    private static func endsInOpenEscape(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var run = 0
        var i = range.upperBound - 1
        while i >= range.lowerBound && bytes[i] == UInt8(ascii: "\\") { run += 1; i -= 1 }
        return run % 2 == 1
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
