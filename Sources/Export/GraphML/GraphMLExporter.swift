import TermgraphGraph

/// GraphML for NetworkX, igraph, Gephi and Cytoscape; `graphml-yed` adds yEd's label keys.
public struct GraphMLExporter: GraphExporter {
    /// Whether this is the yEd variant (`graph.yed.graphml`).
    public let yEd: Bool

    public init(yEd: Bool = false) {
        self.yEd = yEd
    }

    public var name: String { yEd ? "graphml-yed" : "graphml" }
    public var fileNames: [String] { [yEd ? "graph.yed.graphml" : "graph.graphml"] }
    public var extensions: [String] { yEd ? [] : ["graphml", "xml"] }

    public func write(_ graph: KnowledgeGraph, context: ExportContext, file: Int, to sink: ([UInt8]) -> Bool) {
        GraphMLWriter(graph, ids: context.ids, names: context.names, yEd: yEd).write(to: sink)
    }
}
