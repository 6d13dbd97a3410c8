import TermgraphGraph

/// SKOS in RDF Turtle, for thesaurus managers.
public struct SKOSExporter: GraphExporter {
    public init() {}
    public var name: String { "skos" }
    public var fileNames: [String] { ["graph.ttl"] }
    public var extensions: [String] { ["ttl"] }

    public func write(_ graph: KnowledgeGraph, context: ExportContext, file: Int, to sink: ([UInt8]) -> Bool) {
        SKOSWriter(graph: graph, settings: context.settings).write(to: sink)
    }
}
