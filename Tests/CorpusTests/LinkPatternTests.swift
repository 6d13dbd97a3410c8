import Foundation
import TermgraphCorpus
import Testing
import TestSupport

/// `link_patterns` (§1d): site macros that make links, read from `termgraph.yml` and matched
/// outside code, comments and other links.
@Suite struct LinkPatternTests {
    /// MDN's reference macros, the contract's example first.
    static let mdn = #"""
        link_patterns:
          - pattern: '(?i)\{\{\s*domxref\(\s*["'']([^"'']+)["'']'
            replace: [['.prototype.', '/'], ['()', ''], ['.', '/'], [' ', '_']]
            target: '/Web/API/$1'
          - pattern: '(?i)\{\{\s*jsxref\(\s*["'']([^"'']+)["'']'
            replace: [['.prototype.', '/'], ['()', ''], ['.', '/']]
            target: '/Web/JavaScript/Reference/Global_Objects/$1'
          - pattern: '(?i)\{\{\s*cssxref\(\s*["'']([^"'']+)["'']'
            target: '/Web/CSS/$1'
        """#

    /// The Hugo recipe of docs/site/link-patterns.md.
    static let hugo = #"""
        link_patterns:
          - pattern: '\{\{[<%]-?\s*(?:rel)?ref\s+(?:path\s*=\s*)?"([^"]+)"'
            target: '$1'
        """#

    private func patterns(_ yaml: String) throws -> [LinkPattern] {
        let config = try CorpusConfig.parse(yaml)
        #expect(config.warnings == [])
        return config.linkPatterns
    }

    private func found(_ markdown: String, _ yaml: String = mdn, vault: Bool = false, wikilinks: Bool = true) throws -> [String] {
        LinkScanner.links(in: markdown, vault: vault, patterns: try patterns(yaml), wikilinks: wikilinks)
            .map { "\($0.kind.rawValue) \($0.target) [\($0.text)] @\($0.line)" }
    }

    @Test func mdnMacrosBecomeLinksWithTheirGroupsReplaced() throws {
        #expect(try found(#"See {{domxref("Document.getElementById()")}}, {{jsxref("Array.prototype.map")}} and {{CSSxRef('color')}}."#) == [
            "pattern /Web/API/Document/getElementById [Document.getElementById()] @1",
            "pattern /Web/JavaScript/Reference/Global_Objects/Array/map [Array.prototype.map] @1",
            "pattern /Web/CSS/color [color] @1",
        ])
        // The replacements apply in order: `.prototype.` before `.`, and spaces last.
        #expect(try found(#"{{domxref("HTML Element.prototype.click()")}}"#) == ["pattern /Web/API/HTML_Element/click [HTML Element.prototype.click()] @1"])
    }

    @Test func codeCommentsAndOtherLinksHoldNoPatternLinks() throws {
        let text = #"""
            A `{{domxref("InCode")}}` span, <!-- {{domxref("InComment")}} --> and {{domxref("Seen")}}.

            ```
            {{domxref("InFence")}}
            ```

                {{domxref("Indented")}}

            <!--
            {{domxref("InCommentBlock")}}
            -->

            [a {{domxref("X")}} b](/y) [[Page {{domxref("W")}}]] <a href="/z">{{domxref("Z")}}</a> <https://x.org/{{domxref("U")}}>
            ![alt {{domxref("Img")}}](pic.png) [not a link {{domxref("Bracketed")}}]
            """#
        let links = try found(text)
        #expect(links == [
            "pattern /Web/API/Seen [Seen] @1",
            "inline /y [a {{domxref(\"X\")}} b] @13",
            "wikilink Page {{domxref(\"W\")}} [Page {{domxref(\"W\")}}] @13",
            "html /z [{{domxref(\"Z\")}}] @13",
            "pattern /Web/API/Bracketed [Bracketed] @14",
        ])
        // With `wikilinks: false` the brackets are text, so a macro inside them is open.
        #expect(try found(#"[[Page {{domxref("W")}}]]"#, wikilinks: false).filter { $0.hasPrefix("pattern") } == ["pattern /Web/API/W [W] @1"])
    }

    @Test func rawHTMLOutsideAnchorsAndCommentsIsText() throws {
        let text = #"""
            <div class="note">
            {{domxref("InBlock")}} <a href="/a">{{domxref("InAnchor")}}</a> <!-- {{domxref("Hidden")}} -->
            </div>

            <span>{{cssxref("inline")}}</span>
            """#
        #expect(try found(text) == [
            "html /a [{{domxref(\"InAnchor\")}}] @2", "pattern /Web/API/InBlock [InBlock] @2", "pattern /Web/CSS/inline [inline] @5",
        ])
    }

    @Test func anEarlierPatternWinsAnOverlapAndALaterOneTakesWhatIsLeft() throws {
        let macro = #"  - pattern: '\{\{x "(\w+)"\}\}'"# + "\n    target: '/a/$1'\n"
        let quoted = #"  - pattern: '"(\w+)"'"# + "\n    target: '/b/$1'\n"
        let text = #"{{x "one"}} "two" {{x "three"}}"#
        #expect(try found(text, "link_patterns:\n" + macro + quoted) == [
            "pattern /a/one [one] @1", "pattern /b/two [two] @1", "pattern /a/three [three] @1",
        ])
        #expect(try found(text, "link_patterns:\n" + quoted + macro) == [
            "pattern /b/one [one] @1", "pattern /b/two [two] @1", "pattern /b/three [three] @1",
        ])
    }

    @Test func theLeftmostOfOverlappingMatchesOfOnePatternWins() throws {
        let yaml = #"link_patterns: [{pattern: '(\w)-(\w)', target: '/$1$2'}]"#
        // `a-b` is leftmost; `b-c` overlaps it; `c-d` starts after it.
        #expect(try found("a-b-c-d", yaml) == ["pattern /ab [a] @1", "pattern /cd [c] @1"])
        // A match that would start inside a code span is not taken; the search goes on after it.
        #expect(try found("`x-y`-z w-v", yaml) == ["pattern /wv [w] @1"])
    }

    @Test func aGroupThatDidNotMatchIsEmptyAndTextHasItsOwnTemplate() throws {
        let yaml = #"""
            link_patterns:
              - pattern: '\{\{ref "([^"]+)"(?: lang="(\w+)")?\}\}'
                target: '/$2/docs/$1'
                text: 'Docs: $1 ($2) costs $$5'
            """#
        #expect(try found(#"{{ref "a"}} and {{ref "b" lang="de"}}"#, yaml) == [
            "pattern //docs/a [Docs: a () costs $5] @1", "pattern /de/docs/b [Docs: b (de) costs $5] @1",
        ])
        // Without groups the text is the whole match.
        #expect(try found("see RFC 9110", #"link_patterns: [{pattern: 'RFC \d+', target: '/rfc'}]"#) == ["pattern /rfc [RFC 9110] @1"])
    }

    @Test func linesAreTheMatchOwnLineThroughFrontMatterQuotesAndTables() throws {
        let file = #"""
            ---
            title: Lines
            ---
            First paragraph
            goes on {{cssxref("a")}}
            and on {{cssxref("b")}}.

            > quoted
            > {{cssxref("c")}}

            | x | y |
            |---|---|
            | 1 | {{cssxref("d")}} |

            # Heading {{cssxref("e")}}
            عربي `{{cssxref("z")}}` نص {{cssxref("f")}}
            """#
        let format = MarkdownFormat(linkPatterns: try patterns(Self.mdn))
        let article = try format.read(Array(file.utf8), path: "lines.md")
        #expect(article.links.map { "\($0.target) @\($0.line)" } == [
            "/Web/CSS/a @5", "/Web/CSS/b @6", "/Web/CSS/c @9", "/Web/CSS/d @13", "/Web/CSS/e @15", "/Web/CSS/f @16",
        ])
    }

    @Test func vaultNotesHavePatternsOutsideTheirComments() throws {
        let links = try found(#"{{cssxref("a")}} %% {{cssxref("hidden")}} %% ![[Note {{cssxref("b")}}]]"#, vault: true)
        // On one line a run's pattern links come after its other links.
        #expect(links == [
            "embed Note {{cssxref(\"b\")}} [Note {{cssxref(\"b\")}}] @1", "pattern /Web/CSS/a [a] @1",
        ])
    }

    @Test func hugoReferencesAndNotTheirEscapedDocsForm() throws {
        let text = #"""
            {{< ref "x" >}} {{< relref "x" >}} {{% relref "/books/book-1" %}}
            {{< ref path="guide/intro.md" lang="de" >}} {{<relref "tight">}}
            Written as docs show it: {{</* ref "privacy" */>}} and {{%/* relref path="/books/book-1" */%}}
            """#
        #expect(try found(text, Self.hugo) == [
            "pattern x [x] @1", "pattern x [x] @1", "pattern /books/book-1 [/books/book-1] @1",
            "pattern guide/intro.md [guide/intro.md] @2", "pattern tight [tight] @2",
        ])
    }

    @Test func badEntriesAreConfigProblemsAtTheirLineAndTheRestHolds() throws {
        let yaml = #"""
            title: T
            link_patterns:
              - pattern: '([a-'
                target: '/x'
              - pattern: '(\w+)'
                target: '/y/$2'
              - pattern: 'ok'
              - target: '/z'
              - pattern: '(a)'
                replace: [['a']]
                target: '/w'
              - pattern: '\{\{good "(\w+)"'
                target: '/g/$1'
            wikilinks: false
            """#
        let config = try CorpusConfig.parse(yaml)
        #expect(config.warnings.map(\.description) == [
            #"termgraph.yml:3: config: pattern "([a-" is not a valid regular expression (near ([a-); it is ignored"#,
            #"termgraph.yml:5: config: $2 names no group: pattern "(\w+)" has 1; it is ignored"#,
            #"termgraph.yml:7: config: link pattern "ok" needs a target; it is ignored"#,
            "termgraph.yml:8: config: a link pattern needs a pattern; it is ignored",
            #"termgraph.yml:10: config: replace of link pattern "(a)" must be a list of [from, to] pairs; it is ignored"#,
        ])
        #expect(config.linkPatterns.map(\.source) == [#"\{\{good "(\w+)""#])
        #expect(config.title == "T" && config.wikilinks == false)
        #expect(try CorpusConfig.parse("link_patterns: oops\n").warnings.map(\.description) == [
            "termgraph.yml:1: config: link_patterns must be a list of entries with a pattern and a target; it is ignored",
        ])
    }

    @Test func changedPatternsMakeAnotherConfiguration() throws {
        let a = try CorpusConfig.parse(Self.hugo)
        #expect(a == (try CorpusConfig.parse(Self.hugo)))
        #expect(a != (try CorpusConfig.parse(Self.hugo.replacingOccurrences(of: "'$1'", with: "'/$1'"))))
        #expect(a != CorpusConfig())
    }
}
