import TermgraphCorpus
import TermgraphGraph
import Foundation
import Testing
import TestSupport

/// §1b: what an HTML page's article holds, from pages built in a few lines.
@Suite struct HTMLFormatTests {
    private func read(_ html: String, path: String = "a/b/index.html", config: CorpusConfig = CorpusConfig()) throws -> Article {
        let articles = try HTMLFormat(config: config).articles(in: Array(html.utf8), path: path)
        try #require(articles.count == 1)
        return articles[0]
    }

    private func links(_ article: Article) -> [String] {
        article.links.map { "\($0.target) [\($0.text)] @\($0.line) \($0.kind.rawValue)" }
    }

    private func config(_ yaml: String) throws -> CorpusConfig {
        try CorpusConfig.parse(yaml)
    }

    @Test func mainIsTheScopeWithoutItsChrome() throws {
        let article = try read("""
            <html><body>
            <header><a href="/site-header">H</a></header>
            <main><p><a href="/in-main">In main</a></p>
            <nav><a href="/main-nav">N</a></nav><aside><a href="/main-aside">A</a></aside>
            <footer><a href="/main-footer">F</a></footer><p><a href="/after">After</a></p></main>
            <main><a href="/second-main">S</a></main>
            <a href="/outside">O</a>
            </body></html>
            """)
        #expect(links(article) == ["/in-main [In main] @3 html", "/after [After] @5 html"])
    }

    @Test func withoutMainTheBodyWithoutChromeCounts() throws {
        let article = try read("""
            <body><nav><a href="/nav">N</a></nav>
            <div><a href="/one">One</a></div><footer><div><a href="/foot">F</a></div></footer>
            <a href="/two">Two</a></body>
            """)
        #expect(links(article) == ["/one [One] @2 html", "/two [Two] @3 html"])
    }

    @Test func htmlContentBodyTakesEveryAnchorOfTheBody() throws {
        let article = try read("<main><a href='/m'>m</a></main><nav><a href='/n'>n</a></nav><footer><a href='/f'>f</a></footer>",
                               config: try config("html_content: body\n"))
        #expect(article.links.map(\.target) == ["/m", "/n", "/f"])
    }

    @Test func anchorsLeftInAnUnclosedHeadAreTheBodys() throws {
        // `</headd` keeps libxml2 from closing the head: what follows stays inside it.
        let page = "<html><head><title>T</title>\n</headd\n<body><main><a href='/m'>m</a></main><nav><a href='/n'>n</a></nav></body>"
        #expect(try read(page).links.map(\.target) == ["/m"])
        #expect(try read(page, config: try config("html_content: body\n")).links.map(\.target) == ["/m", "/n"])
        #expect(try read(page.replacingOccurrences(of: "<main>", with: "<div>")).links.map(\.target) == ["/m"])
    }

    @Test func htmlSkipLeavesOutTagsClassesAndIds() throws {
        let article = try read("""
            <main><div class="x sidebar"><a href="/by-class">c</a></div><section id="Quick_Links"><a href="/by-id">i</a></section>
            <table><tr><td><a href="/by-tag">t</a></td></tr></table><div class="sidebars"><a href="/kept">k</a></div></main>
            """, config: try config("html_skip: [.sidebar, '#Quick_Links', TABLE]\n"))
        #expect(article.links.map(\.target) == ["/kept"])
    }

    @Test func badHTMLSkipSelectorIsAWarningAndIgnored() throws {
        let parsed = try config("html_skip: ['div > a']\nhtml_content: everything\ntrailing_slash: maybe\n")
        #expect(parsed.htmlSkip == [])
        #expect(parsed.htmlContent == .main)
        #expect(parsed.trailingSlash)
        #expect(parsed.warnings.map(\.description) == [
            "termgraph.yml:1: config: html_skip must be a list of simple selectors such as nav, .sidebar or #toc; it is ignored",
            "termgraph.yml:2: config: html_content must be main or body; it is ignored",
            "termgraph.yml:3: config: trailing_slash must be true or false; it is ignored",
        ])
    }

    @Test func titleDescriptionKeywordsAndLangFromThePage() throws {
        let article = try read("""
            <html lang="ar"><head><title>  مكتب
              خلفي </title><meta name="Description" content="وصف  الصفحة"><meta name="keywords" content="Brokers, Stock Brokers ,">
            </head><body><h1>Heading</h1></body></html>
            """)
        #expect(article.title == "مكتب خلفي")
        #expect(article.description == "وصف الصفحة")
        #expect(article.keywords == ["Brokers", "Stock Brokers"])
        #expect(article.attributes == [ArticleAttribute(name: "lang", value: .text("ar"))])
        #expect(article.slug == "a/b")
    }

    @Test func frontMatterComesFirstAndIsCutBeforeTheMarkup() throws {
        let article = try read("""
            ---
            title: '<main>: the main element'
            slug: Web/HTML/Element/main
            keywords: [one, two]
            translation_of: Web/HTML/Element/main
            ---
            <title>Ignored</title><meta name="keywords" content="ignored">
            <p><a href="/ar/docs/Web/HTML">HTML</a></p>
            """)
        #expect(article.title == "<main>: the main element")
        #expect(article.slug == "Web/HTML/Element/main")
        #expect(article.keywords == ["one", "two"])
        #expect(article.attributes == [ArticleAttribute(name: "translation_of", value: .text("Web/HTML/Element/main"))])
        #expect(links(article) == ["/ar/docs/Web/HTML [HTML] @8 html"])
    }

    @Test func titleFallsBackToTheFirstHeadingThenTheSlug() throws {
        #expect(try read("<body><h1>First <em>heading</em></h1><h1>Second</h1></body>").title == "First heading")
        #expect(try read("<body><p>no heading</p></body>", path: "x/y.htm").title == "x/y")
    }

    @Test func baseHrefAppliesAsABrowserAppliesIt() throws {
        let article = try read("""
            <head><base href="/docs/guide/"></head><body>
            <a href="intro.html">i</a> <a href="../api/">a</a> <a href="/root">r</a> <a href="#part">f</a> <a href="?q=1">q</a>
            <a href="https://example.org/x">e</a></body>
            """)
        #expect(article.links.map(\.target) == ["/docs/guide/intro.html", "/docs/api/", "/root", "/docs/guide/#part",
                                                "/docs/guide/?q=1", "https://example.org/x"])
        let absolute = try read("<base href='https://other.org/x/y'><a href='z'>z</a><a href='/w'>w</a><a href='//cdn.org/v'>v</a>")
        #expect(absolute.links.map(\.target) == ["https://other.org/x/z", "https://other.org/w", "https://cdn.org/v"])
        let relativeBase = try read("<base href='sub/'><a href='z'>z</a><a href='../../../../up'>u</a>", path: "a/page.html")
        #expect(relativeBase.links.map(\.target) == ["/a/sub/z", "/up"])
    }

    @Test func relativeLinksFollowTrailingSlash() throws {
        let page = "<a href='c'>c</a><a href='./d/e'>d</a><a href='#top'>t</a>"
        #expect(try read(page).links.map(\.target) == ["c", "./d/e", "#top"])
        let served = try config("trailing_slash: false\nbase: /docs/\n")
        #expect(try read(page, config: served).links.map(\.target) == ["/docs/a/c", "/docs/a/d/e", "/docs/a/b#top"])
        #expect(try read(page, path: "a/page.html", config: served).links.map(\.target) == ["c", "./d/e", "#top"])
        #expect(try read(page, path: "index.html", config: served).links.map(\.target) == ["/docs/c", "/docs/d/e", "/docs/#top"])
    }

    @Test func canonicalUnderSiteOrBaseIsAnAlias() throws {
        let settings = try config("site: https://www.example.com/terms/\nbase: /terms/\n")
        let bySite = try read("<link rel='Canonical alternate' href='https://www.example.com/terms/old/name'>", config: settings)
        #expect(bySite.aliases == ["/old/name"])
        let byBase = try read("<link rel=canonical href='/terms/other'>", config: settings)
        #expect(byBase.aliases == ["/terms/other"])
        #expect(try read("<link rel=canonical href='/elsewhere/x'>", config: settings).aliases == [])
        #expect(try read("<link rel=canonical href='https://mirror.org/terms/x'>", config: settings).aliases == [])
        #expect(try read("<link rel=stylesheet href='/terms/style.css'>", config: settings).aliases == [])
    }

    @Test func anchorTextCollapsesUnicodeWhiteSpaceAndDecodesEntities() throws {
        let article = try read("<a href='/x?a=1&amp;b=2'>\n  Tom&nbsp;&amp;\u{2003}<b>Jerry</b>\t</a><a href='/y'><img alt='pic' src='p.png'></a><a name='n'>no href</a>")
        #expect(links(article) == ["/x?a=1&b=2 [Tom & Jerry] @1 html", "/y [] @2 html"])
    }

    @Test func lineNumbersCountFromTheFileStartWithFrontMatter() throws {
        let article = try read("---\ntitle: T\n---\n<p>\n\n<a\nhref='/two-lines'>x</a>\n<a href='/next'>y</a>")
        #expect(links(article) == ["/two-lines [x] @7 html", "/next [y] @8 html"])
    }

    @Test func fragmentsMailtoAndExternalLinksMakeNoEdges() throws {
        let corpus = try TemporaryCorpus([
            "termgraph.yml": "site: https://glossary.example/\n",
            "a.html": "<a href='#top'>self</a><a href='mailto:x@example.org'>mail</a><a href='https://other.org/b'>ext</a>"
                + "<a href='//cdn.example/b'>cdn</a><a href='b.html#part'>b</a><a href='https://glossary.example/b'>site</a><a href='/a'>me</a>",
            "b.html": "<title>Bee</title><a href='missing/'>m</a>",
        ])
        defer { corpus.remove() }
        let built = try corpus.build()
        #expect(built.linkCount == 5)
        #expect(built.externalLinkCount == 3)
        let graph = built.graph
        let edges = graph.edgeSource.indices.map {
            "\(graph.nodes[Int(graph.edgeSource[$0])].slug)->\(graph.nodes[Int(graph.edgeTarget[$0])].slug) \(graph.edgeWeight[$0])"
        }
        #expect(edges == ["a->b 2", "b->missing 1"])
    }

    @Test func metaCharsetDecidesTheEncoding() throws {
        var bytes = Array("<meta charset=\"windows-1256\"><title>".utf8)
        bytes += [0xE3, 0xDF, 0xCA, 0xC8]  // مكتب in windows-1256
        bytes += Array("</title><a href='/x'>x</a>".utf8)
        let article = try HTMLFormat(config: CorpusConfig()).articles(in: bytes, path: "w.html")[0]
        #expect(article.title == "مكتب")
        #expect(article.links.map(\.target) == ["/x"])
        let utf16 = try HTMLFormat(config: CorpusConfig()).articles(in: [0xFF, 0xFE] + Array("<title>T\u{0629}</title>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, path: "u.html")[0]
        #expect(utf16.title == "T\u{0629}")
    }
}
