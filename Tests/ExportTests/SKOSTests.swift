import TermgraphExport
import TermgraphGraph
import Testing
import TestSupport

@Suite struct SKOSTests {
    private func turtle(_ graph: KnowledgeGraph = exportFixture(), _ settings: ExportSettings = ExportSettings(hubs: ["backoffice"])) throws -> String {
        String(decoding: try SKOSExporter().bytes(graph, context: ExportContext(graph, settings: settings)), as: UTF8.self)
    }

    @Test func fixtureIsWrittenExactly() throws {
        #expect(try turtle() == #"""
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            @prefix dcterms: <http://purl.org/dc/terms/> .

            <urn:x-termgraph:> a skos:ConceptScheme ;
                dcterms:title "Glossary"@ar ;
                skos:hasTopConcept <urn:x-termgraph:backoffice> .

            <urn:x-termgraph:backoffice> a skos:Concept ;
                skos:inScheme <urn:x-termgraph:> ;
                skos:topConceptOf <urn:x-termgraph:> ;
                skos:prefLabel "مكتب خلفي"@ar ;
                skos:altLabel "Back Office"@ar ;
                skos:definition "Settlement, \"records\" & more"@ar ;
                dcterms:references <urn:x-termgraph:settlement> ;
                skos:related <urn:x-termgraph:settlement> .

            <urn:x-termgraph:settlement> a skos:Concept ;
                skos:inScheme <urn:x-termgraph:> ;
                skos:prefLabel "تسوية"@ar ;
                skos:altLabel "Settlement"@ar ;
                skos:definition "line1\nline2"@ar ;
                dcterms:references <urn:x-termgraph:backoffice> ;
                skos:related <urn:x-termgraph:backoffice> .

            <urn:x-termgraph:Web/API> a skos:Concept ;
                skos:inScheme <urn:x-termgraph:> ;
                skos:prefLabel "Web API"@en ;
                dcterms:references <urn:x-termgraph:backoffice> .

            <urn:x-termgraph:category:back> a skos:Collection ;
                skos:prefLabel "back" ;
                skos:member <urn:x-termgraph:backoffice>, <urn:x-termgraph:settlement> .

            """#)
    }

    @Test func conceptIRIsComeFromIRIElseSiteAndAreEncoded() throws {
        let node = Node(slug: "a b/c:d#e%f?تسوية\u{202E}", key: "x", title: "x")
        let graph = KnowledgeGraph(nodes: [node], edges: [])
        #expect(try turtle(graph, ExportSettings(site: "https://example.com/site/")).contains(
            "<https://example.com/site/a%20b/c%3Ad%23e%25f%3Fتسوية%E2%80%AE> a skos:Concept"))
        #expect(try turtle(graph, ExportSettings(site: "https://example.com/site/", iri: "https://example.com/vocab#")).contains(
            "<https://example.com/vocab#a%20b/c%3Ad%23e%25f%3Fتسوية%E2%80%AE> a skos:Concept"))
    }

    @Test func anAliasThatIsTheTitleOnceCleanedIsNoAltLabel() throws {
        // S13: "a\u{1}b" is written "ab", the same as the title.
        let node = Node(slug: "n", key: "n", title: "ab", aliases: ["a\u{1}b", "ab", "other", "other", "/redirect"])
        let text = try turtle(KnowledgeGraph(nodes: [node], edges: [], language: "fa-IR"))
        #expect(text.contains("    skos:prefLabel \"ab\"@fa-IR ;\n    skos:altLabel \"other\"@fa-IR .\n"))
    }

    @Test func aMalformedLanguageIsLeftOffNotWritten() throws {
        let node = Node(slug: "n", key: "n", title: "t", attributes: [NodeAttribute(name: "lang", value: .text("ar EG"))])
        #expect(try turtle(KnowledgeGraph(nodes: [node], edges: [], language: "x_y")).contains("skos:prefLabel \"t\" .\n"))
    }

    @Test func stubsAreNoConceptsAndAHubOfAnotherCategoryIsNoTopConcept() throws {
        let nodes = [Node(slug: "hub", key: "hub", title: "Hub", category: 1), Node(slug: "s", key: "s", title: "S", isStub: true)]
        let graph = KnowledgeGraph(nodes: nodes, edges: [EdgeRecord(source: 0, target: 1)], categoryNames: ["a", "b"])
        let text = try turtle(graph, ExportSettings(hubs: ["hub", nil]))
        #expect(!text.contains("urn:x-termgraph:s>"))
        #expect(!text.contains("topConcept"))
        #expect(!text.contains("dcterms:references"))
    }
}
