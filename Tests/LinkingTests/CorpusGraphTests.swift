import Foundation
import TermgraphCorpus
import TermgraphGraph
import TermgraphLinking
import Testing
import TestSupport

@Suite struct CorpusGraphTests {
    @Test func articlesLinksStubsAndCounts() throws {
        let corpus = try TemporaryCorpus([
            "a.md": "---\ntitle: A\n---\n[b](/b) [b again](/b) [self](/a) [x](/missing) [y](/Missing) [ext](https://e.com) [top](#t)\n",
            "b.md": "# Bee\n[[a]] [z](/missing)\n",
            "notes.txt": "plain text, not an article\n",
            "fm.txt": "---\ntitle: From txt\n---\n",
            ".hidden/c.md": "[a](/a)\n",
        ])
        defer { corpus.remove() }
        let built = try corpus.build()
        let graph = built.graph
        #expect(graph.nodes.map(\.slug) == ["a", "b", "fm", "missing"])
        #expect(graph.nodes.map(\.title) == ["A", "Bee", "From txt", "x"])
        #expect(graph.nodes.map(\.isStub) == [false, false, false, true])
        #expect(graph.edgeSource == [0, 0, 1, 1] && graph.edgeTarget == [1, 3, 0, 3])
        #expect(graph.edgeWeight == [2, 2, 1, 1])
        #expect(Array(graph.edgeAnchors) == [["b", "b again"], ["x", "y"], ["a"], ["z"]])
        #expect(built.linkCount == 8)
        #expect(built.externalLinkCount == 1)
        #expect(built.problems.map(\.description) == [
            "a.md:4: wanted-link: link to \"/missing\" matches no article",
            "a.md:4: wanted-link: link to \"/Missing\" matches no article",
            "b.md:2: wanted-link: link to \"/missing\" matches no article",
        ])
    }

    @Test func duplicateSlugsKeepTheFirstInPathOrder() throws {
        let corpus = try TemporaryCorpus([
            "one.md": "---\nslug: same\ntitle: First\n---\n",
            "two.md": "---\nslug: SAME\ntitle: Second\n---\n",
        ])
        defer { corpus.remove() }
        let built = try corpus.build()
        #expect(built.graph.nodes.map(\.title) == ["First"])
        #expect(built.problems.map(\.description) == ["two.md: duplicate-slug: slug \"SAME\" is also the slug of one.md, which is kept"])
    }

    @Test func badFilesAreReportedAndTheRestIsBuilt() throws {
        let corpus = try TemporaryCorpus([
            "good.md": "[bad](/bad)\n",
            "bad.md": "---\ntitle: [unclosed\n---\n",
        ])
        defer { corpus.remove() }
        let built = try corpus.build()
        #expect(built.graph.nodes.map(\.slug) == ["bad", "good"])
        #expect(built.graph.nodes.map(\.isStub) == [true, false])
        #expect(built.problems.map(\.kind) == [.frontMatter, .wantedLink])
        #expect(built.problems.first?.file == "bad.md")
    }

    @Test func categoriesFromFrontMatterAndInferredFromHubs() throws {
        let corpus = try TemporaryCorpus([
            "termgraph.yml": "title: T\nlanguage: ar\ncategories:\n  front: fo\n  back: bo\n",
            "fo.md": "---\noffice: front\n---\n[x](/x)\n",
            "bo.md": "---\noffice: back\n---\n[y](/y)\n",
            "x.md": "[fo](/fo)\n",
            "y.md": "plain\n",
            "mid.md": "[fo](/fo) [bo](/bo)\n",
            "odd.md": "---\noffice: sideways\n---\n[y](/y)\n",
        ])
        defer { corpus.remove() }
        let graph = try corpus.build().graph
        let categories = graph.nodes.map { node in node.category.map { graph.categoryNames[$0] + (node.categoryInferred ? "?" : "") } ?? "-" }
        #expect(graph.nodes.map(\.slug) == ["bo", "fo", "mid", "odd", "x", "y"])
        #expect(categories == ["back", "front", "-", "back?", "front?", "back?"])
        #expect(graph.title == "T" && graph.language == "ar")
    }

    @Test func aMissingCorpusIsAnError() {
        #expect(throws: CorpusReader.Failure.self) {
            try CorpusReader().read(URL(fileURLWithPath: "/nonexistent/termgraph/corpus"))
        }
    }

    /// Settings of the wrong shape are ignored with a problem at their line, and the rest of the
    /// configuration holds; hubs that are no article, only a wanted term, or another category's
    /// hub already are problems at their category's line.
    @Test func badSettingsAndHubsAreProblemsAtTheirLines() throws {
        let corpus = try TemporaryCorpus([
            "termgraph.yml": """
                site: "h"
                base: "https://example.com/"
                categories:
                  front: frontoffice
                  middle: nosuch
                  back: frontoffice
                  other: wanted
                """,
            "frontoffice.md": "[h](hub) [w](/wanted)\n",
            "hub.md": "# Hub\n",
        ])
        defer { corpus.remove() }
        let built = try corpus.build()
        #expect(built.problems.filter { $0.kind == .config }.map(\.description) == [
            "termgraph.yml:1: config: site \"h\" is not an absolute URL such as https://example.com/docs/; it is ignored",
            "termgraph.yml:2: config: base \"https://example.com/\" is not a path such as /docs/; it is ignored",
            "termgraph.yml:5: config: the hub \"nosuch\" of category \"middle\" is not the slug of an article",
            "termgraph.yml:6: config: the hub \"frontoffice\" of category \"back\" is already the hub of category \"front\"",
            "termgraph.yml:7: config: the hub \"wanted\" of category \"other\" is only linked to: no article has that slug",
        ])
        // The relative link `hub` still resolves: neither the bad site nor the bad base was applied.
        #expect(built.graph.successors(of: built.graph.index(ofKey: "frontoffice")!).map { built.graph.nodes[Int($0)].slug } == ["hub", "wanted"])
        #expect(built.config.site == nil && built.config.base == "/")
    }
}
