import TermgraphCorpus
import TermgraphLinking
import TermgraphGraph
import Testing
import TestSupport

@Suite struct ResolutionTests {
    private let articles = [
        Article(path: "backoffice.md", slug: "backoffice", pathSlug: "backoffice", title: "مكتب خلفي"),
        Article(path: "Web/API/Gamepad/index.md", slug: "Web/API/Gamepad/index", pathSlug: "Web/API/Gamepad", title: "Gamepad"),
        Article(path: "Web/API/Gamepad.md", slug: "Web/API/Gamepad", pathSlug: "Web/API/Gamepad", title: "Gamepad API"),
        Article(path: "guide/intro.md", slug: "start-here", pathSlug: "guide/intro", title: "Intro", aliases: ["/old/start/", "Beginning"]),
        Article(path: "أ/مكتب.md", slug: "أ/مكتب", pathSlug: "أ/مكتب", title: "Arabic path"),
        Article(path: "index.md", slug: "index", pathSlug: "index", title: "Home"),
    ]

    private func resolve(_ target: String, from path: String = "backoffice.md", kind: Link.Kind = .inline,
                         config: CorpusConfig = CorpusConfig()) -> String {
        switch LinkResolver(articles: articles, config: config).resolve(target, from: path, kind: kind) {
        case .external: return "external"
        case .none: return "none"
        case .article(let i): return articles[i].slug
        case let .wanted(key, written): return "wanted \(key) (\(written))"
        case .attachment, .ambiguous: return "only in a vault"
        }
    }

    @Test func rootRelativeWithQueryFragmentSlashesAndCase() {
        #expect(resolve("/backoffice") == "backoffice")
        #expect(resolve("/BackOffice/?x=1#top") == "backoffice")
        #expect(resolve("backoffice.md") == "backoffice")
    }

    @Test func aWikilinkToAProtocolRelativeURLIsExternal() {
        #expect(resolve("//fr.wikipedia.org/wiki/Banque", kind: .wikilink) == "external")
        #expect(resolve("/backoffice", kind: .wikilink) == "backoffice")
        #expect(resolve("What%3F", kind: .wikilink) == "wanted what? (What?)")
    }

    @Test func keysMatchBeforePathKeys() {
        // The slug key Web/API/Gamepad/index stays distinct from Web/API/Gamepad.
        #expect(resolve("/Web/API/Gamepad") == "Web/API/Gamepad")
        #expect(resolve("/Web/API/Gamepad/index") == "Web/API/Gamepad/index")
        #expect(resolve("/web/api/gamepad/index.md") == "Web/API/Gamepad/index")
    }

    @Test func pathKeysAndSlashAliasesReachArticles() {
        #expect(resolve("/guide/intro") == "start-here")
        #expect(resolve("/start-here") == "start-here")
        #expect(resolve("/old/start") == "start-here")
        #expect(resolve("/Beginning") == "wanted beginning (Beginning)")
    }

    @Test func relativeLinksResolveAgainstTheFilesFolder() {
        #expect(resolve("intro.md", from: "guide/other.md") == "start-here")
        #expect(resolve("./intro", from: "guide/other.md") == "start-here")
        #expect(resolve("../backoffice", from: "guide/other.md") == "backoffice")
        #expect(resolve("../../../backoffice", from: "guide/other.md") == "backoffice")
        #expect(resolve("Gamepad", from: "Web/API/Gamepad/index.md") == "wanted web/api/gamepad/gamepad (Web/API/Gamepad/Gamepad)")
    }

    @Test func percentEncodedArabicAndNFC() {
        #expect(resolve("/%D8%A3/%D9%85%D9%83%D8%AA%D8%A8") == "أ/مكتب")
        // أ written decomposed (ا + U+0654) is the same key after NFC.
        #expect(resolve("/\u{0627}\u{0654}/مكتب") == "أ/مكتب")
        #expect(resolve("/bad%zz") == "wanted bad%zz (bad%zz)")
    }

    @Test func wantedTermsKeepTheirLastForm() {
        #expect(resolve("/Derivatives.html") == "wanted derivatives (Derivatives)")
        #expect(resolve("/topics/swaps/index.md") == "wanted topics/swaps (topics/swaps)")
    }

    @Test func externalTargetsAndEmptyPaths() {
        #expect(resolve("https://example.com/x") == "external")
        #expect(resolve("mailto:a@b.c") == "external")
        #expect(resolve("//cdn.example.com/x") == "external")
        #expect(resolve("#section") == "none")
        #expect(resolve("#section", from: "guide/intro.md") == "none")
        #expect(resolve("?q=1#x", from: "Web/API/Gamepad/index.md") == "none")
        #expect(resolve("?q=1") == "none")
        #expect(resolve("/") == "none")
        #expect(resolve("") == "none")
        #expect(resolve("/index.md") == "index")
    }

    @Test func siteAndBaseMakeAbsoluteAndPrefixedLinksInternal() {
        var config = CorpusConfig()
        config.site = "https://www.example.com/terms/"
        config.base = "/docs/"
        #expect(resolve("https://www.example.com/terms/backoffice", config: config) == "backoffice")
        #expect(resolve("https://www.example.com/other", config: config) == "external")
        #expect(resolve("/docs/backoffice/", config: config) == "backoffice")
        #expect(resolve("/docs", config: config) == "none")
    }

    @Test func wikilinksResolveFromTheRoot() {
        #expect(resolve("guide/intro", from: "Web/API/Gamepad.md", kind: .wikilink) == "start-here")
        #expect(resolve("backoffice#history", from: "guide/intro.md", kind: .wikilink) == "backoffice")
    }

    /// The quick path answers only where it is sure, and then exactly as the full rules do.
    @Test func theQuickPathAgreesWithTheFullRules() {
        let resolver = LinkResolver(articles: articles, config: CorpusConfig())
        let simple = ["/backoffice", "/backoffice/", "/backoffice#top", "/backoffice?x", "/start-here", "/old/start",
                      "/guide/intro", "/missing-term", "/a/b_c", "/", "/#x", "/index", "/web/api/gamepad"]
        for kind in Link.Kind.allCases {
            for target in simple + ["backoffice", "missing", "#x", ""] {
                guard let quick = resolver.resolveSimple(target, kind: kind) else {
                    #expect(kind != .wikilink && !target.hasPrefix("/"), "\(target) as \(kind) has a quick answer")
                    continue
                }
                #expect(quick == resolver.resolve(target, from: "guide/intro.md", kind: kind), "\(target) as \(kind)")
            }
        }
        for target in ["/BackOffice", "//host/x", "/a//b", "/a/./b", "/a%20b", "/web/api/gamepad/index", "/x.md", " /backoffice", "/أ/مكتب"] {
            #expect(resolver.resolveSimple(target, kind: .inline) == nil, "\(target) takes the full rules")
        }
        var based = CorpusConfig()
        based.base = "/docs"
        #expect(LinkResolver(articles: articles, config: based).resolveSimple("/backoffice", kind: .inline) == nil)
    }
}
