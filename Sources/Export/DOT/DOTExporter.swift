import TermgraphGraph

/// DOT for Graphviz.
public struct DOTExporter: GraphExporter {
    public init() {}
    public var name: String { "dot" }
    public var fileNames: [String] { ["graph.dot"] }
    public var extensions: [String] { ["dot", "gv"] }

    public func write(_ graph: KnowledgeGraph, context: ExportContext, file: Int, to sink: ([UInt8]) -> Bool) {
        DOTWriter(graph, ids: context.ids).write(to: sink)
    }
}
