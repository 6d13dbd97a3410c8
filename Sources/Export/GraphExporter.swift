import TermgraphGraph

/// One export format: its name, the files it writes, and a writer that streams each file's
/// bytes to a sink. A new format is one type conforming to this, under its own folder, and one
/// entry in `GraphExporters.all`.
public protocol GraphExporter: Sendable {
    /// What `--format` calls it (`graphml`).
    var name: String { get }
    /// The files it writes into an output folder (`graph.graphml`); a format of several files
    /// names them all, and they are written as one set.
    var fileNames: [String] { get }
    /// The file name endings (lower case, no dot) that `--output FILE` takes to mean this format.
    var extensions: [String] { get }
    /// Hands file number `file` (of `fileNames`) to `sink` in pieces, in order, until the sink
    /// answers false.
    func write(_ graph: KnowledgeGraph, ids: NodeIdentifiers, file: Int, to sink: ([UInt8]) -> Bool)
}

/// GraphML for NetworkX, igraph, Gephi, yEd and Cytoscape.
public struct GraphMLExporter: GraphExporter {
    public init() {}
    public var name: String { "graphml" }
    public var fileNames: [String] { ["graph.graphml"] }
    public var extensions: [String] { ["graphml", "xml"] }

    public func write(_ graph: KnowledgeGraph, ids: NodeIdentifiers, file: Int, to sink: ([UInt8]) -> Bool) {
        GraphMLWriter(graph, ids: ids).write(to: sink)
    }
}

/// DOT for Graphviz.
public struct DOTExporter: GraphExporter {
    public init() {}
    public var name: String { "dot" }
    public var fileNames: [String] { ["graph.dot"] }
    public var extensions: [String] { ["dot", "gv"] }

    public func write(_ graph: KnowledgeGraph, ids: NodeIdentifiers, file: Int, to sink: ([UInt8]) -> Bool) {
        DOTWriter(graph, ids: ids).write(to: sink)
    }
}
