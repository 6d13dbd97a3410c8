import TermgraphCorpus
import Testing

/// Dumps built in a few lines: every page's text (escaped as XML), namespaces and redirects as a
/// dump writes them.
private func dump(_ pages: [(title: String, ns: Int, text: String)], siteinfo: String = "", redirects: [String: String] = [:]) -> [UInt8] {
    var xml = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\">\n" + siteinfo
    for page in pages {
        let redirect = redirects[page.title].map { "<redirect title=\"\($0)\" />" } ?? ""
        xml += "<page>\n<title>\(page.title)</title>\n<ns>\(page.ns)</ns>\n\(redirect)<revision>\n<text xml:space=\"preserve\">\(escaped(page.text))</text>\n</revision>\n</page>\n"
    }
    return Array((xml + "</mediawiki>\n").utf8)
}

private func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}

private let arabicSite = """
    <siteinfo>
    <base>https://ar.wikipedia.org/wiki/x</base>
    <namespaces>
    <namespace key="0" case="first-letter" />
    <namespace key="6" case="first-letter">ملف</namespace>
    <namespace key="10" case="first-letter">قالب</namespace>
    <namespace key="14" case="first-letter">تصنيف</namespace>
    </namespaces>
    </siteinfo>

    """

/// Each link as `target [text] @line`.
private func shown(_ article: Article) -> [String] {
    article.links.map { "\($0.target) [\($0.text)] @\($0.line)" }
}

@Suite struct MediaWikiFormatTests {
    private func read(_ bytes: [UInt8], namespaces: Set<Int> = [0]) -> StreamedFile {
        MediaWikiFormat(namespaces: namespaces).read(bytes, path: "wiki.xml")
    }

    @Test func pagesBecomeArticlesWithSlugsTitlesAndLines() throws {
        let read = read(dump([("Back office", 0, "The [[Settlement]] desk."), ("Talk:Back office", 1, "[[X]]")]))
        #expect(read.problems == [])
        #expect(read.articles.count == 1)
        let article = try #require(read.articles.first)
        #expect(article.slug == "Back_office")
        #expect(article.key == "back_office")
        #expect(article.title == "Back office")
        #expect(article.source == ArticleSource(file: "wiki.xml", line: 2))
        #expect(shown(article) == ["Settlement [Settlement] @6"])
    }

    @Test func pipedSectionAndTrailingLinks() throws {
        let text = "[[bank]]s and [[Bank|the bank]]ing, [[Clearing house#Risk|risk]] [[#History]] [[ central  bank ]] [[بنك]]ان [[A&amp;B]] [[C%20D]]"
        let article = try #require(read(dump([("P", 0, text)])).articles.first)
        #expect(shown(article) == [
            "bank [banks] @6", "Bank [the banking] @6", "Clearing_house#Risk [risk] @6", "#History [#History] @6",
            "central_bank [central bank] @6", "بنك [بنكان] @6", "A&B [A&amp;B] @6", "C_D [C%20D] @6",
        ])
    }

    @Test func titlesWithQuestionMarksAndPercentSignsKeepThem() throws {
        let article = try #require(read(dump([("P", 0, "[[What?]] [[100%25 sure]]")])).articles.first)
        #expect(article.links.map(\.target) == ["What%3F", "100%25_sure"])
    }

    @Test func namespacesInterwikiFilesAndColonTitles() throws {
        let text = """
            [[Template:Box]] [[fr:Banque]] [[wikt:bank]] [[:Category:Banks]] [[Star Trek: Voyager]] [[File:Coin.jpg|thumb|A [[coin]] shown]] [[Image:X.png]]
            """
        let article = try #require(read(dump([("P", 0, text)])).articles.first)
        #expect(shown(article) == [
            "//localhost/wiki/Template:Box [Template:Box] @6", "//fr.wikipedia.org/wiki/Banque [fr:Banque] @6",
            "//localhost.wiktionary.org/wiki/bank [wikt:bank] @6", "//localhost/wiki/Category:Banks [Category:Banks] @6",
            "Star_Trek:_Voyager [Star Trek: Voyager] @6", "//localhost/wiki/File:Coin.jpg [File:Coin.jpg] @6", "coin [coin] @6",
            "//localhost/wiki/File:X.png [Image:X.png] @6",
        ])
        #expect(article.attributes == [])
    }

    @Test func aNamespaceListedInTheSettingIsInternal() throws {
        let read = read(dump([("P", 0, "[[:Category:Banks]] [[Help:Intro]]"), ("Category:Banks", 14, "[[P]]")]), namespaces: [0, 14])
        #expect(read.articles.map(\.slug) == ["P", "Category:Banks"])
        #expect(read.articles[0].links.map(\.target) == ["Category:Banks", "//localhost/wiki/Help:Intro"])
    }

    @Test func categoriesAreMembershipLocalizedNamesIncluded() throws {
        let text = "[[Category:Banks|Sort key]] [[category:banks]] [[تصنيف:مصارف]] [[Category:Clearing_houses]] [[ملف:صورة.png|[[مقاصة]]]] [[قالب:صندوق]]"
        let article = try #require(read(dump([("مصرف", 0, text)], siteinfo: arabicSite)).articles.first)
        #expect(article.attributes == [ArticleAttribute(name: "categories", value: .list(["Banks", "مصارف", "Clearing houses"]))])
        #expect(shown(article) == [
            "//ar.wikipedia.org/wiki/ملف:صورة.png [ملف:صورة.png] @15", "مقاصة [مقاصة] @15", "//ar.wikipedia.org/wiki/قالب:صندوق [قالب:صندوق] @15",
        ])
    }

    @Test func excludedRegionsHoldNoLinks() throws {
        let text = """
            <nowiki>[[A]]</nowiki> <NoWiki/>[[B]] <!-- [[C]] --> <pre>[[D]]</pre> <syntaxhighlight lang="swift">[[E]]</syntaxhighlight>
            <source>[[F]]</source> <math>[[G]]</math> <code>[[H]]</code> <ref>[[I]]</ref> {{cite|[[J]]}}
            <gallery>
            File:X.jpg|[[K]]
            </gallery> <nowiki>[[L]] <!-- [[M]]
            """
        let article = try #require(read(dump([("P", 0, text)])).articles.first)
        #expect(article.links.map(\.target) == ["B", "H", "I", "J", "K", "L"])
        #expect(article.links.map(\.line) == [6, 7, 7, 7, 9, 10])
    }

    @Test func notLinksAreSkipped() throws {
        let article = try #require(read(dump([("P", 0, "[[]] [[a\nb]] [[{{x}}]] [[a|b] [[x<y]] [[ok]]")])).articles.first)
        #expect(article.links.map(\.target) == ["ok"])
    }

    @Test func theLastRevisionsTextCounts() throws {
        let xml = "<mediawiki><page><title>P</title><ns>0</ns><revision><text>[[Old]]</text></revision><revision><text>[[New]]</text></revision></page></mediawiki>"
        #expect(read(Array(xml.utf8)).articles.first?.links.map(\.target) == ["New"])
    }

    @Test func redirectsBecomeAliasesOfWhatTheyReach() throws {
        let read = read(dump([
            ("Bank", 0, "[[Money]]"),
            ("Banks", 0, "#REDIRECT [[Bank]]"),
            ("Banking", 0, "#redirect:[[Banks#Top]]"),
            ("BANK", 0, "#REDIRECT [[Bank]]"),
            ("Lender", 0, "#WEITERLEITUNG [[Bank]]"),
            ("Via element", 0, "anything"),
            ("Nowhere", 0, "#REDIRECT [[Missing page]]"),
            ("Elsewhere", 0, "#REDIRECT [[Help:Banks]]"),
            ("Loop one", 0, "#REDIRECT [[Loop two]]"),
            ("Loop two", 0, "#REDIRECT [[Loop one]]"),
        ], redirects: ["Via element": "Bank"]))
        #expect(read.articles.map(\.slug) == ["Bank"])
        #expect(read.articles[0].aliases == ["/Banks", "/Banking", "/Lender", "/Via_element"])
        #expect(read.problems.map(\.description) == [
            "wiki.xml:16: double-redirect: Banking redirects to Banks, which redirects to Bank; links to it reach Bank",
            "wiki.xml:44: broken-redirect: Nowhere redirects to Missing page, which is not a page of this dump",
            "wiki.xml:51: broken-redirect: Elsewhere redirects to Help:Banks, a page in namespace 12, which is not read as articles",
            "wiki.xml:58: broken-redirect: Loop one redirects in a loop through Loop one",
            "wiki.xml:65: broken-redirect: Loop two redirects in a loop through Loop two",
        ])
    }

    @Test func localizedRedirectWordsAndCategoryNames() throws {
        let read = read(dump([("مكتب خلفي", 0, "[[تصنيف:مكاتب]]"), ("المكتب الخلفي", 0, "#تحويل [[مكتب خلفي]]")], siteinfo: arabicSite))
        #expect(read.articles.map(\.slug) == ["مكتب_خلفي"])
        #expect(read.articles[0].aliases == ["/المكتب_الخلفي"])
        #expect(read.articles[0].attributes == [ArticleAttribute(name: "categories", value: .list(["مكاتب"]))])
    }

    @Test func theNamespacesSettingIsAListOfNumbers() throws {
        #expect(try CorpusConfig.parse("namespaces: [0, 14]\n").namespaces == [0, 14])
        #expect(try CorpusConfig.parse("title: x\n").namespaces == [0])
        let bad = try CorpusConfig.parse("namespaces: main\n")
        #expect(bad.namespaces == [0])
        #expect(bad.warnings.map(\.description) == ["termgraph.yml:1: config: namespaces must be a list of namespace numbers such as [0, 14]; it is ignored"])
    }

    @Test func aFileThatIsNotADumpGivesNothing() {
        let other = MediaWikiFormat().read(Array("<urlset><url>x</url></urlset>".utf8), path: "sitemap.xml")
        #expect(other.articles.isEmpty && other.problems.isEmpty)
    }

    /// A dump whose links fill several of the shared buffers its articles' lists are kept in
    /// (`LinkSlabs`, 1 MiB each): every article, around every buffer's edge, and pages without
    /// links and redirects among them, gets back its own links.
    @Test func linksSpreadOverSeveralSharedBuffersStayWithTheirArticles() {
        let count = 9000
        var pages: [(title: String, ns: Int, text: String)] = []
        var redirects: [String: String] = [:]
        for i in 0..<count {
            let title = "Term \(i)"
            if i % 7 == 3 { redirects[title] = "Term \(i - 1)" }
            let text = i % 11 == 5 ? "No links at all." : (0..<(i % 13 + 1)).map { k in
                "[[Term \((i * 31 + k) % count)|the term \(i)-\(k)]] and [[Term \((i + k) % count)]]s\n"
            }.joined()
            pages.append((title, 0, redirects[title] != nil ? "#REDIRECT [[\(redirects[title]!)]]" : text))
        }
        let read = read(dump(pages, redirects: redirects))
        #expect(read.problems == [])
        // A page is seven lines and its text's; its text starts on its fifth, after the dump's first.
        var expected: [[String]] = []
        var line = 2
        for (i, page) in pages.enumerated() {
            let textLine = line + 4
            line += 7 + page.text.filter { $0 == "\n" }.count
            guard redirects[page.title] == nil else { continue }
            expected.append(i % 11 == 5 ? [] : (0..<(i % 13 + 1)).flatMap { k in [
                "Term_\((i * 31 + k) % count) [the term \(i)-\(k)] @\(textLine + k)",
                "Term_\((i + k) % count) [Term \((i + k) % count)s] @\(textLine + k)",
            ] })
        }
        #expect(read.articles.count == expected.count)
        let differing = zip(read.articles.map(shown), expected).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(differing.count == 0, "first differing article: \(differing.first.map { "\($0.offset): \($0.element.0) against \($0.element.1)" } ?? "")")
        let bytes = read.articles.reduce(0) { $0 + $1.links.storedBytes }
        #expect(bytes > 2 << 20)
    }
}
