import Foundation
import TermgraphCorpus
import TermgraphGraph
import TermgraphLinking
import Testing
import TestSupport

/// `exclude`, `wikilinks: false`, `redirects` and `translations` (§1d), on small corpora whose
/// every edge is worked out by hand.
@Suite struct SiteConventionsTests {
    /// The graph's edges between articles as `from → to` slugs, sorted, its wanted terms, and its
    /// problems other than wanted links.
    private func build(_ files: [String: String], exclude: [String] = []) throws -> (edges: [String], wanted: [String], problems: [String]) {
        let corpus = try TemporaryCorpus(files)
        defer { corpus.remove() }
        let built = CorpusGraph(try CorpusReader(exclude: exclude).read(corpus.url))
        let graph = built.graph
        var edges: [String] = []
        for u in graph.nodes.indices {
            for v in graph.successors(of: u) where !graph.nodes[Int(v)].isStub { edges.append("\(graph.nodes[u].slug) → \(graph.nodes[Int(v)].slug)") }
        }
        let wanted = graph.nodes.filter(\.isStub).map(\.slug).sorted()
        return (edges.sorted(), wanted, built.problems.filter { $0.kind != .wantedLink }.map(\.description))
    }

    @Test func excludedFilesAreNotArticlesAndLinksIntoThemAreWanted() throws {
        let files = [
            "termgraph.yml": "exclude: [drafts/, '*.draft.md']\n",
            "a.md": "[d](/drafts/x) [e](/b.draft) [c](/c)\n",
            "c.md": "# C\n",
            "drafts/x.md": "# X\n[a](/a)\n",
            "b.draft.md": "# B\n",
        ]
        let built = try build(files)
        #expect(built.edges == ["a → c"])
        #expect(built.wanted == ["b.draft", "drafts/x"])
        // --exclude adds to the file's globs.
        let more = try build(files, exclude: ["c.md"])
        #expect(more.edges == [])
        #expect(more.wanted == ["b.draft", "c", "drafts/x"])
    }

    @Test func withWikilinksOffDoubleBracketsAreText() throws {
        let files = ["a.md": "[[b]] and [b](/b)\n\n{{< code >}}\n[[module.mounts]]\n{{< /code >}}\n", "b.md": "# B\n"]
        #expect(try build(files).wanted == ["module.mounts"])
        var off = files
        off["termgraph.yml"] = "wikilinks: false\n"
        let built = try build(off)
        #expect(built.edges == ["a → b"])
        #expect(built.wanted == [])
    }

    @Test func redirectsMakeMovedPathsReachTheirNewPage() throws {
        let built = try build([
            "termgraph.yml": "redirects: _redirects.txt\nbase: /docs\n",
            "_redirects.txt": """
                # moved pages
                /docs/old-settlement   /docs/settlement   301
                /docs/Guide/:lang/x\t/docs/clearing
                /docs/clearing-old /docs/guide/missing
                /docs/chain /docs/old-settlement
                /docs/out https://example.com/x
                /docs/settlement /docs/clearing
                /docs/lonely

                """,
            "settlement.md": "# S\n",
            "clearing.md": "# C\n[old](/docs/old-settlement#dvp) [odd](/docs/guide/:lang/x) [gone](/docs/clearing-old)\n[chain](/docs/chain) [out](/docs/out) [self](/docs/settlement)\n",
        ])
        // FROM reaches what TO reaches; a page at FROM wins over the redirect.
        #expect(built.edges == ["clearing → settlement"])
        // A TO that reaches nothing, or another FROM: wanted terms keyed by TO.
        #expect(built.wanted == ["guide/missing", "old-settlement"])
        #expect(built.problems == [
            "_redirects.txt:8: broken-redirect: /docs/lonely has no target",
            "_redirects.txt:4: broken-redirect: /docs/clearing-old redirects to /docs/guide/missing, which is no page",
            "_redirects.txt:5: broken-redirect: /docs/chain redirects to /docs/old-settlement, which is itself a redirect",
        ])
    }

    @Test func aVaultsLinksGoThroughRedirectsToo() throws {
        let built = try build([
            "termgraph.yml": "links: names\nredirects: _redirects.txt\n",
            "_redirects.txt": "/Old Settlement\t/Notes/Settlement\n/Gone /Nowhere\n/Clearing /Elsewhere\n",
            "Notes/Settlement.md": "# S\n",
            "Notes/Clearing.md": "# C\n[[Old Settlement]] [[Gone]] [old](/Old%20Settlement)\n",
            "Notes/Other.md": "[[Clearing]]\n",
        ])
        // A name that reaches no note goes where its redirect goes; a note of that name wins.
        #expect(built.edges == ["Notes/Clearing → Notes/Settlement", "Notes/Other → Notes/Clearing"])
        #expect(built.wanted == ["Nowhere"])
        #expect(built.problems == ["_redirects.txt:2: broken-redirect: /Gone redirects to /Nowhere, which is no page"])
    }

    @Test func translatedPagesLinkToTheirOwnLanguageFirst() throws {
        let built = try build([
            "termgraph.yml": "language: en\ntranslations: translations/{lang}\n",
            "wallets/index.md": "# Wallets\n[dao](/dao/)\n",
            "dao/index.md": "# DAO\n",
            "nft/index.md": "# NFT\n",
            "translations/ar/wallets/index.md": "# محافظ\n[dao](/dao/) [nft](/nft/) [fa](/fa/wallets/) [en](/en/wallets/) [rel](../dao/) [none](/nowhere/)\n",
            "translations/ar/dao/index.md": "# منظمة\n",
            "translations/fa/wallets/index.md": "# کیف پول\n[dao](/dao/) [ar](/ar/dao/)\n",
        ])
        #expect(built.edges == [
            // Arabic: its own DAO page; the untranslated NFT page; the Persian copy by its prefix;
            // the English page by the corpus language's prefix; a relative link stays in Arabic.
            "translations/ar/wallets → nft",
            "translations/ar/wallets → translations/ar/dao",
            "translations/ar/wallets → translations/fa/wallets",
            "translations/ar/wallets → wallets",
            // Persian has no DAO page: the English one; `/ar/dao/` is the Arabic one.
            "translations/fa/wallets → dao",
            "translations/fa/wallets → translations/ar/dao",
            "wallets → dao",
        ])
        // What reaches nothing in either is keyed by the untranslated path.
        #expect(built.wanted == ["nowhere"])
    }

    @Test func theQuickPathStandsAsideForTranslations() {
        var config = CorpusConfig()
        config.translations = "translations/{lang}"
        let articles = [Article(path: "translations/ar/a.md", slug: "translations/ar/a", pathSlug: "translations/ar/a", title: "A")]
        #expect(LinkResolver(articles: articles, config: config).resolveSimple("/a", kind: .inline) == nil)
    }

    @Test func aPatternLinkGoesThroughRedirectsLikeAnyLink() throws {
        let built = try build([
            "termgraph.yml": """
                redirects: _redirects.txt
                link_patterns: [{pattern: '\\{\\{page "([^"]+)"\\}\\}', target: '/$1'}]

                """,
            "_redirects.txt": "/old-settlement /settlement\n/gone /nowhere\n",
            "settlement.md": "# S\n",
            "clearing.md": "# C\n{{page \"old-settlement\"}} {{page \"gone\"}}\n",
        ])
        #expect(built.edges == ["clearing → settlement"])
        #expect(built.wanted == ["nowhere"])
    }

    @Test func aPatternLinkFromATranslatedPageFindsItsLanguageFirst() throws {
        let built = try build([
            "termgraph.yml": """
                language: en
                translations: translations/{lang}
                link_patterns: [{pattern: '\\{\\{page "([^"]+)"\\}\\}', target: '/$1/'}]

                """,
            "wallets/index.md": "# Wallets\n{{page \"dao\"}}\n",
            "dao/index.md": "# DAO\n",
            "nft/index.md": "# NFT\n",
            "translations/ar/wallets/index.md": "# محافظ\n{{page \"dao\"}} {{page \"nft\"}}\n",
            "translations/ar/dao/index.md": "# منظمة\n",
        ])
        #expect(built.edges == ["translations/ar/wallets → nft", "translations/ar/wallets → translations/ar/dao", "wallets → dao"])
    }
}
