import TermgraphGraph

/// GEXF 1.2, for Gephi.
public struct GEXFExporter: GraphExporter {
    public init() {}
    public var name: String { "gexf" }
    public var fileNames: [String] { ["graph.gexf"] }
    public var extensions: [String] { ["gexf"] }

    public func write(_ graph: KnowledgeGraph, context: ExportContext, file: Int, to sink: ([UInt8]) -> Bool) {
        GEXFWriter(graph: graph, ids: context.ids, names: context.names).write(to: sink)
    }
}
