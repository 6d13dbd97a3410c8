import TermgraphGraph

/// `import.cypher`: loads `nodes.csv` and `links.csv` from the Neo4j import folder with
/// `LOAD CSV`, giving every node and relationship the properties, types and labels that
/// `neo4j-admin database import` gives them from the same files. Plain Cypher, no plug-ins: the
/// category labels are written out one statement each.
struct CypherImportScript {
    let graph: KnowledgeGraph
    let csv: Neo4jCSVWriter

    func text() -> String {
        var lines = [
            "// termgraph's graph for Neo4j. Copy nodes.csv and links.csv into the database's import folder,",
            "// then run this file: cypher-shell -f import.cypher",
            "// neo4j-admin reads the same files faster into a new database:",
            "//   neo4j-admin database import full --nodes=nodes.csv --relationships=links.csv --multiline-fields=true",
            "CREATE CONSTRAINT termgraph_article_slug IF NOT EXISTS FOR (n:Article) REQUIRE n.slug IS UNIQUE;",
            "CREATE CONSTRAINT termgraph_stub_slug IF NOT EXISTS FOR (n:Stub) REQUIRE n.slug IS UNIQUE;",
        ]
        let properties = propertyMap(csv.nodeHeader.dropLast())
        for (label, stub) in [("Article", "false"), ("Stub", "true")] {
            lines.append("LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row")
            lines.append("WITH row WHERE row.`stub:boolean` = '\(stub)'")
            lines.append("CREATE (:\(label) {\(properties)});")
        }
        for name in graph.categoryNames {
            lines.append("MATCH (n:Article) WHERE n.category = \(Self.literal(name)) SET n:\(Self.name(Neo4jCSVWriter.label(ofCategory: name)));")
        }
        lines += [
            "LOAD CSV WITH HEADERS FROM 'file:///links.csv' AS row",
            "MATCH (a:Article {slug: row.`:START_ID`})",
            "CALL { WITH row MATCH (b:Article {slug: row.`:END_ID`}) RETURN b UNION WITH row MATCH (b:Stub {slug: row.`:END_ID`}) RETURN b }",
            "CREATE (a)-[:LINKS_TO {\(propertyMap(Neo4jCSVWriter.linkHeader.dropFirst(3)))}]->(b);",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `name: value` for each column: typed as its header says, arrays split and unescaped.
    private func propertyMap<C: Collection<String>>(_ header: C) -> String {
        header.map { column in
            let parts = column.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let property = parts[0].isEmpty ? "slug" : String(parts[0])
            let field = "row.\(Self.name(column))"
            let value = switch parts.count > 1 ? String(parts[1]) : "string" {
            case "int": "toInteger(\(field))"
            case "boolean": "toBoolean(\(field))"
            case "string[]":
                "CASE WHEN \(field) IS NULL THEN null ELSE [item IN split(\(field), ';') | replace(replace(item, '%3B', ';'), '%25', '%')] END"
            default: field
            }
            return "\(Self.name(property)): \(value)"
        }.joined(separator: ", ")
    }

    /// A Cypher name in backticks (a backtick in it doubled).
    static func name(_ text: String) -> String {
        "`" + text.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// A Cypher string literal.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
