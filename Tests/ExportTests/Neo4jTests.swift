import TermgraphExport
import TermgraphGraph
import Testing
import TestSupport

@Suite struct Neo4jTests {
    private func file(_ n: Int, _ graph: KnowledgeGraph = exportFixture()) throws -> String {
        String(decoding: try Neo4jExporter().bytes(graph, file: n), as: UTF8.self)
    }

    @Test func nodesAreWrittenExactly() throws {
        #expect(try file(0) == """
            slug:ID,title,description,keywords:string[],aliases:string[],category,category_inferred:boolean,stub:boolean,path,lang,tags:string[],fm_weight,:LABEL
            backoffice,مكتب خلفي,"Settlement, ""records"" & more",Back Office;a%3Bb%25c,Back Office;مكتب خلفي;/old-back,back,false,false,backoffice.md,ar,x;y,7,Article;Category_back
            missing,مفقود,,,,,,true,,,,,Stub
            settlement,تسوية,"line1
            line2",,Settlement,back,true,false,settlement.md,,z,,Article;Category_back
            Web/API,Web API,,,,,,false,web/api.md,en,,,Article

            """)
    }

    @Test func linksAreWrittenExactly() throws {
        #expect(try file(1) == """
            :START_ID,:END_ID,:TYPE,weight:int,anchors:string[]
            backoffice,missing,LINKS_TO,1,مفقود
            backoffice,settlement,LINKS_TO,3,التسوية;again
            settlement,backoffice,LINKS_TO,1,back
            Web/API,backoffice,LINKS_TO,2,

            """)
    }

    @Test func anAttributeThatIsSometimesTextKeepsItsListsAsJSON() throws {
        let nodes = [Node(slug: "a", key: "a", title: "A", attributes: [NodeAttribute(name: "t", value: .list(["x", "y,z"]))]),
                     Node(slug: "b", key: "b", title: "B", attributes: [NodeAttribute(name: "t", value: .text("plain"))])]
        let text = try file(0, KnowledgeGraph(nodes: nodes, edges: [], categoryNames: ["a;b"]))
        #expect(text.split(separator: "\n").map(String.init) == [
            "slug:ID,title,description,keywords:string[],aliases:string[],category,category_inferred:boolean,stub:boolean,path,t,:LABEL",
            #"a,A,,,,,,false,,"[""x"",""y,z""]",Article"#,
            "b,B,,,,,,false,,plain,Article",
        ])
    }

    @Test func categoryLabelsEscapeTheArraySeparator() throws {
        let node = Node(slug: "a", key: "a", title: "A", category: 0)
        let text = try file(0, KnowledgeGraph(nodes: [node], edges: [], categoryNames: ["x;y,%"]))
        #expect(text.hasSuffix(#",false,,"Article;Category_x%3By,%25""# + "\n"))
    }

    @Test func theCypherScriptLoadsBothFilesWithTypesAndLabels() throws {
        let script = try file(2)
        let array = { (column: String) in
            "CASE WHEN row.`\(column)` IS NULL THEN null ELSE [item IN split(row.`\(column)`, ';') | replace(replace(item, '%3B', ';'), '%25', '%')] END"
        }
        let properties = "`slug`: row.`slug:ID`, `title`: row.`title`, `description`: row.`description`, `keywords`: \(array("keywords:string[]")), "
            + "`aliases`: \(array("aliases:string[]")), `category`: row.`category`, `category_inferred`: toBoolean(row.`category_inferred:boolean`), "
            + "`stub`: toBoolean(row.`stub:boolean`), `path`: row.`path`, `lang`: row.`lang`, `tags`: \(array("tags:string[]")), `fm_weight`: row.`fm_weight`"
        #expect(script == """
            // termgraph's graph for Neo4j. Copy nodes.csv and links.csv into the database's import folder,
            // then run this file: cypher-shell -f import.cypher
            // neo4j-admin reads the same files faster into a new database:
            //   neo4j-admin database import full --nodes=nodes.csv --relationships=links.csv --multiline-fields=true
            CREATE CONSTRAINT termgraph_article_slug IF NOT EXISTS FOR (n:Article) REQUIRE n.slug IS UNIQUE;
            CREATE CONSTRAINT termgraph_stub_slug IF NOT EXISTS FOR (n:Stub) REQUIRE n.slug IS UNIQUE;
            LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
            WITH row WHERE row.`stub:boolean` = 'false'
            CREATE (:Article {\(properties)});
            LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
            WITH row WHERE row.`stub:boolean` = 'true'
            CREATE (:Stub {\(properties)});
            MATCH (n:Article) WHERE n.category = 'back' SET n:`Category_back`;
            LOAD CSV WITH HEADERS FROM 'file:///links.csv' AS row
            MATCH (a:Article {slug: row.`:START_ID`})
            CALL { WITH row MATCH (b:Article {slug: row.`:END_ID`}) RETURN b UNION WITH row MATCH (b:Stub {slug: row.`:END_ID`}) RETURN b }
            CREATE (a)-[:LINKS_TO {`weight`: toInteger(row.`weight:int`), `anchors`: \(array("anchors:string[]"))}]->(b);

            """)
    }
}
