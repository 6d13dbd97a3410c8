import TermgraphGraph

/// CSV files for Neo4j's bulk import and a Cypher script that loads them, written as one set in
/// the folder `neo4j`.
public struct Neo4jExporter: GraphExporter {
    public init() {}
    public var name: String { "neo4j" }
    public var fileNames: [String] { ["nodes.csv", "links.csv", "import.cypher"] }
    public var folderName: String? { "neo4j" }
    public var extensions: [String] { [] }

    public func write(_ graph: KnowledgeGraph, context: ExportContext, file: Int, to sink: ([UInt8]) -> Bool) {
        let csv = Neo4jCSVWriter(graph: graph, names: context.names)
        switch file {
        case 0: csv.writeNodes(to: sink)
        case 1: csv.writeLinks(to: sink)
        default: _ = sink(Array(CypherImportScript(graph: graph, csv: csv).text().utf8))
        }
    }
}
