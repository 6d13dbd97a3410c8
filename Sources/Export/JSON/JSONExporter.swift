import TermgraphGraph

/// NetworkX node-link JSON, for NetworkX and d3.
public struct JSONExporter: GraphExporter {
    public init() {}
    public var name: String { "json" }
    public var fileNames: [String] { ["graph.json"] }
    public var extensions: [String] { ["json"] }

    public func write(_ graph: KnowledgeGraph, context: ExportContext, file: Int, to sink: ([UInt8]) -> Bool) {
        NodeLinkWriter(graph: graph, names: context.names).write(to: sink)
    }
}
