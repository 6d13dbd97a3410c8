// termgraph's graph for Neo4j. Copy nodes.csv and links.csv into the database's import folder,
// then run this file: cypher-shell -f import.cypher
// neo4j-admin reads the same files faster into a new database:
//   neo4j-admin database import full --nodes=nodes.csv --relationships=links.csv --multiline-fields=true
CREATE CONSTRAINT termgraph_article_slug IF NOT EXISTS FOR (n:Article) REQUIRE n.slug IS UNIQUE;
CREATE CONSTRAINT termgraph_stub_slug IF NOT EXISTS FOR (n:Stub) REQUIRE n.slug IS UNIQUE;
LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
WITH row WHERE row.`stub:boolean` = 'false'
CREATE (:Article {`slug`: row.`slug:ID`, `title`: row.`title`, `description`: row.`description`, `keywords`: CASE WHEN row.`keywords:string[]` IS NULL THEN null ELSE [item IN split(row.`keywords:string[]`, ';') | replace(replace(item, '%3B', ';'), '%25', '%')] END, `aliases`: CASE WHEN row.`aliases:string[]` IS NULL THEN null ELSE [item IN split(row.`aliases:string[]`, ';') | replace(replace(item, '%3B', ';'), '%25', '%')] END, `category`: row.`category`, `category_inferred`: toBoolean(row.`category_inferred:boolean`), `stub`: toBoolean(row.`stub:boolean`), `path`: row.`path`});
LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
WITH row WHERE row.`stub:boolean` = 'true'
CREATE (:Stub {`slug`: row.`slug:ID`, `title`: row.`title`, `description`: row.`description`, `keywords`: CASE WHEN row.`keywords:string[]` IS NULL THEN null ELSE [item IN split(row.`keywords:string[]`, ';') | replace(replace(item, '%3B', ';'), '%25', '%')] END, `aliases`: CASE WHEN row.`aliases:string[]` IS NULL THEN null ELSE [item IN split(row.`aliases:string[]`, ';') | replace(replace(item, '%3B', ';'), '%25', '%')] END, `category`: row.`category`, `category_inferred`: toBoolean(row.`category_inferred:boolean`), `stub`: toBoolean(row.`stub:boolean`), `path`: row.`path`});
MATCH (n:Article) WHERE n.category = 'front' SET n:`Category_front`;
MATCH (n:Article) WHERE n.category = 'middle' SET n:`Category_middle`;
MATCH (n:Article) WHERE n.category = 'back' SET n:`Category_back`;
LOAD CSV WITH HEADERS FROM 'file:///links.csv' AS row
MATCH (a:Article {slug: row.`:START_ID`})
CALL { WITH row MATCH (b:Article {slug: row.`:END_ID`}) RETURN b UNION WITH row MATCH (b:Stub {slug: row.`:END_ID`}) RETURN b }
CREATE (a)-[:LINKS_TO {`weight`: toInteger(row.`weight:int`), `anchors`: CASE WHEN row.`anchors:string[]` IS NULL THEN null ELSE [item IN split(row.`anchors:string[]`, ';') | replace(replace(item, '%3B', ';'), '%25', '%')] END}]->(b);
