import TermgraphGraph

/// Writes the two CSV files of `neo4j-admin database import full`: `nodes.csv` (`slug:ID`,
/// `title`, the other attributes under their GraphML names, `:LABEL` = `Article` plus
/// `Category_<name>` for every member, inferred ones included, or `Stub`) and `links.csv`
/// (`:START_ID`, `:END_ID`, `:TYPE` = `LINKS_TO`, `weight:int`, `anchors:string[]`).
///
/// A front-matter attribute whose every value is a list is typed `string[]`; one that is text
/// in some articles keeps its lists as JSON-array text, as in the GraphML.
struct Neo4jCSVWriter {
    let graph: KnowledgeGraph
    let names: AttributeNames

    /// The node file's header, in column order.
    var nodeHeader: [String] {
        ["slug:ID", "title", "description", "keywords:string[]", "aliases:string[]", "category", "category_inferred:boolean",
         "stub:boolean", "path"] + names.extra.map { $0.allLists ? $0.name + ":string[]" : $0.name } + [":LABEL"]
    }

    static let linkHeader = [":START_ID", ":END_ID", ":TYPE", "weight:int", "anchors:string[]"]

    /// The label of category `name`'s members.
    static func label(ofCategory name: String) -> String {
        "Category_" + CSVText.arrayItem(name)
    }

    func writeNodes(to sink: ([UInt8]) -> Bool) {
        PieceOutput.stream(to: sink) { out in
            writeHeader(nodeHeader, to: &out.bytes)
            let column = Dictionary(uniqueKeysWithValues: names.extra.enumerated().map { ($1.attribute, $0) })
            var extra = [NodeAttribute.Value?](repeating: nil, count: names.extra.count)
            for v in 0..<graph.nodeCount {
                let node = graph.nodes[v]
                CSVText.appendField(node.slug, to: &out.bytes)
                out.put(","); CSVText.appendField(node.title, to: &out.bytes)
                out.put(","); CSVText.appendField(node.description ?? "", to: &out.bytes)
                out.put(","); CSVText.appendArray(node.keywords, to: &out.bytes)
                out.put(","); CSVText.appendArray(node.aliases, to: &out.bytes)
                out.put(","); if let c = node.category { CSVText.appendField(graph.categoryNames[c], to: &out.bytes) }
                out.put(","); if node.category != nil { out.put(node.categoryInferred ? "true" : "false") }
                out.put(node.isStub ? ",true," : ",false,"); CSVText.appendField(node.path ?? "", to: &out.bytes)
                for i in extra.indices { extra[i] = nil }
                for attribute in node.attributes { extra[column[attribute.name]!] = attribute.value }
                for (i, value) in extra.enumerated() {
                    out.put(",")
                    switch value {
                    case .text(let text): CSVText.appendField(text, to: &out.bytes)
                    case .list(let items) where names.extra[i].allLists: CSVText.appendArray(items, to: &out.bytes)
                    case .list(let items): CSVText.appendField(JSONText.array(items), to: &out.bytes)
                    case nil: break
                    }
                }
                out.put(",")
                let labels = node.isStub ? "Stub" : node.category.map { "Article;" + Self.label(ofCategory: graph.categoryNames[$0]) } ?? "Article"
                CSVText.appendField(labels, to: &out.bytes)
                out.put("\n")
                guard out.flushIfFull() else { return }
            }
        }
    }

    func writeLinks(to sink: ([UInt8]) -> Bool) {
        PieceOutput.stream(to: sink) { out in
            writeHeader(Self.linkHeader, to: &out.bytes)
            let slugs = graph.nodes.map(\.slug)
            for e in 0..<graph.edgeCount {
                CSVText.appendField(slugs[Int(graph.edgeSource[e])], to: &out.bytes)
                out.put(","); CSVText.appendField(slugs[Int(graph.edgeTarget[e])], to: &out.bytes)
                out.put(",LINKS_TO,"); out.decimal(Int(graph.edgeWeight[e]))
                out.put(","); CSVText.appendArray(graph.edgeAnchors[e], to: &out.bytes)
                out.put("\n")
                guard out.flushIfFull() else { return }
            }
        }
    }

    private func writeHeader(_ fields: [String], to out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            CSVText.appendField(field, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }
}
