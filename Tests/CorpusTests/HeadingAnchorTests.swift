import TermgraphCorpus
import Testing

/// Heading ids as github-slugger makes them, and the anchors a Markdown article defines.
@Suite struct HeadingAnchorTests {
    private func slugs(_ headings: [String]) -> [String] {
        var slugger = HeadingSlugger()
        return headings.map { slugger.slug($0) }
    }

    private func anchors(_ text: String, vault: Bool = false, patterns: [String] = []) throws -> [String] {
        var config = CorpusConfig()
        config.fragments = FragmentRules(check: true, patterns: patterns)
        config.links = vault ? .names : .paths
        return try MarkdownFormat(config: config).read(Array(text.utf8), path: "a.md").anchors.keys
    }

    @Test func asciiAndPunctuation() {
        #expect(slugs(["Hello World", "Hello, World!", "foo_bar-baz", "A & B", "What's new?", "C++ (2020)", "  padded  "])
                == ["hello-world", "hello-world-1", "foo_bar-baz", "a--b", "whats-new", "c-2020", "--padded--"])
    }

    @Test func emojiAndSymbolsAreDropped() {
        #expect(HeadingSlugger.slug("🎉 Party time 🎉") == "-party-time-")
        #expect(HeadingSlugger.slug("Price: 5 € ½") == "price-5--")
        #expect(HeadingSlugger.slug("x² → y") == "x--y")
    }

    @Test func lettersOfEveryScriptStay() {
        #expect(HeadingSlugger.slug("التسوية والمقاصة") == "التسوية-والمقاصة")
        #expect(HeadingSlugger.slug("مَكتب، أوسط؟") == "مَكتب-أوسط")
        #expect(HeadingSlugger.slug("Straße ÜBER") == "straße-über")
        #expect(HeadingSlugger.slug("日本語の見出し。") == "日本語の見出し")
    }

    @Test func repeatsAreNumbered() {
        #expect(slugs(["Usage", "Usage", "Usage", "Usage-1", "usage"]) == ["usage", "usage-1", "usage-2", "usage-1-1", "usage-3"])
    }

    @Test func headingTextLeavesMarkupOut() {
        #expect(HeadingText("The `useState` *hook*").text == "The useState hook")
        #expect(HeadingText("[Link **text**](/x) and ![image](i.png) <span>html</span>").text == "Link text and  html")
        #expect(HeadingText("a\\*b &amp; snake_case_name").text == "a*b & snake_case_name")
        #expect(HeadingText("2 * 3 = 6").text == "2 * 3 = 6")
        #expect(HeadingText("~~old~~ new").text == "old new")
    }

    @Test func explicitIDs() {
        let pandoc = HeadingText("Usage {#custom}")
        #expect(pandoc.text == "Usage" && pandoc.explicitID == "custom")
        let mdx = HeadingText("الاستخدام {/*usage*/}")
        #expect(mdx.text == "الاستخدام" && mdx.explicitID == "usage")
        #expect(HeadingText("Set {a, b}").explicitID == nil)
        #expect(HeadingText("Set {a, b}").text == "Set {a, b}")
    }

    @Test func anchorsOfAnArticle() throws {
        let text = """
            # Title

            ## Usage {#custom}

            ## التسوية والمقاصة

            Setext *heading*
            ---

            ## Title

            ```
            ## Not a heading <span id="in-code">
            ```

            `<span id="in-span">` and <span id="real">x</span>

            <div id="block-id"><a name="Old Name"></a></div>

            """
        #expect(try anchors(text) == [
            "block-id", "custom", "old name", "real", "setext heading", "setext-heading", "title", "title-1", "usage",
            "التسوية والمقاصة", "التسوية-والمقاصة",
        ].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func vaultBlockIDsAndLinkableHeadings() throws {
        let text = "## Appendix: Changes\n\nA paragraph ^para-1\n\n- item ^item2\n\nnot^inline\n"
        let found = try anchors(text, vault: true)
        #expect(found == ["^item2", "^para-1", "appendix changes", "appendix-changes", "appendix: changes"])
    }

    @Test func patternsFindIDsInTheBody() throws {
        let text = "# G\n\n<GlossaryDefinition term=\"51%-attack\" />\n<GlossaryDefinition term=\"NFT\" />\n"
        #expect(try anchors(text, patterns: ["<GlossaryDefinition term=\"([^\"]+)\""]) == ["51%-attack", "g", "nft"])
    }

    @Test func nothingIsCollectedWithoutTheSetting() throws {
        #expect(try MarkdownFormat(config: CorpusConfig()).read(Array("# A\n\n<a id=x></a>\n".utf8), path: "a.md").anchors.isEmpty)
    }
}
