import Foundation
import TermgraphGraph
import TermgraphStorage

/// The DOT drawn by Graphviz's `dot` as SVG with its text kept as text (the core SVG renderer,
/// not cairo's, which turns glyphs into outlines): a browser shapes Arabic, and the picture can
/// be searched and copied. Each article links to its page (`site` + slug) or else to its file,
/// relative to the SVG, and carries its description as a tooltip. `dot`'s layout is the same on
/// every run, so the SVG is byte-identical for the same graph and Graphviz.
public struct SVGExporter: GraphExporter {
    public init() {}
    public var name: String { "svg" }
    public var fileNames: [String] { ["graph.svg"] }
    public var extensions: [String] { ["svg"] }

    public func write(_ graph: KnowledgeGraph, context: ExportContext, file: Int, to sink: ([UInt8]) -> Bool) throws {
        guard let dot = GraphvizProgram.find("dot") else {
            throw ExportError.missingProgram(format: "svg", program: "dot",
                                             install: "install Graphviz (Debian: apt-get install graphviz) to draw it; the other formats need nothing")
        }
        var writer = DOTWriter(graph, ids: context.ids)
        writer.links = Self.links(graph, settings: context.settings, from: context.outputFolder)
        try dot.run(["-Tsvg"], input: writer.bytes(), format: "svg", to: sink)
    }

    /// Where each node links: its page under `site`, else its article file relative to the
    /// folder the SVG is written in; stubs have nowhere to go.
    static func links(_ graph: KnowledgeGraph, settings: ExportSettings, from folder: URL?) -> [String?] {
        let start = RealPath.of(folder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let corpus = settings.corpusFolder.map(RealPath.of)
        return graph.nodes.map { node in
            guard !node.isStub else { return nil }
            if let site = settings.site { return IRIText.base(site) + IRIText.segment(node.slug) }
            guard let corpus, let path = node.path else { return nil }
            return IRIText.segment(relativePath(from: start, to: corpus + "/" + path))
        }
    }

    /// The path from folder `start` to `target`, both absolute (`../corpus/a.md`).
    static func relativePath(from start: String, to target: String) -> String {
        let from = start.split(separator: "/"), to = target.split(separator: "/")
        var common = 0
        while common < from.count && common < to.count - 1 && from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }
}
