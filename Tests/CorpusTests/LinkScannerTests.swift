import TermgraphCorpus
import Testing
import TestSupport

@Suite struct LinkScannerTests {
    private func found(_ markdown: String) -> [String] {
        LinkScanner.links(in: markdown).map { "\($0.kind.rawValue) \($0.target) [\($0.text)] @\($0.line)" }
    }

    @Test func inlineLinkForms() {
        #expect(found("[a](/x) [b](<y z>) [c](w \"title\") [d](v 'title') [e](u (title))") == [
            "inline /x [a] @1", "inline y z [b] @1", "inline w [c] @1", "inline v [d] @1", "inline u [e] @1",
        ])
    }

    @Test func destinationsWithParenthesesEscapesAndEntities() {
        #expect(found("[a](foo(bar)) [b](foo\\)bar) [c](a&amp;b) [d](%D8%AA)") == [
            "inline foo(bar) [a] @1", "inline foo)bar [b] @1", "inline a&b [c] @1", "inline %D8%AA [d] @1",
        ])
    }

    /// Numeric references as the CommonMark spec (and markdown-it, which follows it) reads them:
    /// a code point that is no character is U+FFFD, `&#0;` too; more digits than 7 (6 in hex) or
    /// a sign is no reference. `&#1114112;` used to stay as written and cut the target at `#`.
    @Test func numericReferencesThatNameNoCharacterAreTheReplacementCharacter() {
        #expect(found("[a](/p&#1114112;q) [b](/p&#x110000;q) [c](/p&#xD800;q) [d](/p&#0;q) [e](/p&#x41;&#66;q)") == [
            "inline /p\u{FFFD}q [a] @1", "inline /p\u{FFFD}q [b] @1", "inline /p\u{FFFD}q [c] @1",
            "inline /p\u{FFFD}q [d] @1", "inline /pABq [e] @1",
        ])
        #expect(found("[f](/p&#00000065;q) [g](/p&#+65;q) [h](/p&#x0000041;q) [i](/p&#9999999;q)") == [
            "inline /p&#00000065;q [f] @1", "inline /p&#+65;q [g] @1", "inline /p&#x0000041;q [h] @1",
            "inline /p\u{FFFD}q [i] @1",
        ])
    }

    @Test func referenceLinksFullCollapsedAndShortcut() {
        let text = """
            See [one][Ref], [Ref][] and [ref].
            [missing][nope] is text.

            [REF]: /target "Title"
            [other]: </spaced target>
            """
        #expect(found(text) == [
            "reference /target [one] @1", "reference /target [Ref] @1", "reference /target [ref] @1",
        ])
    }

    @Test func definitionsAreNotLinksThemselves() {
        #expect(found("[a]: /x\n[b]: /y") == [])
    }

    @Test func wikilinks() {
        #expect(found("[[Settlement]] [[clearing|the clearing]] [[dvp#steps|DvP]]") == [
            "wikilink Settlement [Settlement] @1", "wikilink clearing [the clearing] @1", "wikilink dvp#steps [DvP] @1",
        ])
    }

    @Test func rawHTMLAnchors() {
        #expect(found("Go <a href=\"/x\">to <b>X</b></a> or <A class='c' HREF='/y'>Y</A>.") == [
            "html /x [to X] @1", "html /y [Y] @1",
        ])
        #expect(found("<div>\n<a href=\"/block\">in a block</a>\n</div>") == ["html /block [in a block] @2"])
        #expect(found("<a name=\"anchor\">no href</a>") == [])
    }

    @Test func imagesAreNotLinksButLinkedImagesAre() {
        #expect(found("![alt](/img.png)") == [])
        #expect(found("[![alt](/img.png)](/page)") == ["inline /page [![alt](/img.png)] @1"])
    }

    @Test func codeIsNeverScanned() {
        let text = """
            `[a](/span)` and ``[b](/double) ` tick``

            ```
            [c](/fenced)
            ```

            ~~~~md
            [d](/tilde)
            ~~~~

                [e](/indented)

            [f](/real)
            """
        #expect(found(text) == ["inline /real [f] @13"])
    }

    @Test func escapedBracketsAreText() {
        #expect(found("\\[a](/x) [b\\](/y) \\[[c]]") == [])
    }

    @Test func linksDoNotNestAndTheInnerOneWins() {
        #expect(found("[a [b](/inner) c](/outer)") == ["inline /inner [b] @1"])
    }

    @Test func autolinksAndCommentsAreNotLinks() {
        #expect(found("<https://example.com> <!-- [x](/hidden) --> [y](/shown)") == ["inline /shown [y] @1"])
    }

    @Test func linkTextMaySpanLinesAndIsCollapsed() {
        #expect(found("para [two\n  lines](/x)") == ["inline /x [two lines] @1"])
    }

    @Test func blockQuotesAndListItemsHoldLinks() {
        let text = """
            > quoted [a](/q)

            - item [b](/li)
                - nested [c](/nested)

              continued [d](/cont)
            """
        #expect(found(text) == ["inline /q [a] @1", "inline /li [b] @3", "inline /nested [c] @4", "inline /cont [d] @6"])
    }

    @Test func paragraphsDoNotJoinAcrossBlankLines() {
        #expect(found("[a\n\nb](/x)") == [])
    }

    @Test func headingsAreScanned() {
        #expect(found("# Title with [link](/h)\ntext") == ["inline /h [link] @1"])
    }

    @Test func lineNumbersStartAtTheBodysFirstLine() {
        #expect(LinkScanner.links(in: "x\n[a](/b)", firstLine: 5).map(\.line) == [6])
    }

    @Test func unclosedBracketsAreLinear() {
        let hostile = String(repeating: "[", count: 50_000) + String(repeating: "(", count: 50_000)
        #expect(found(hostile) == [])
    }

    @Test func aBracketedNumberBeforeADestinationIsAnInlineLink() {
        #expect(found("see [[1]](/ref) and [[wiki]]") == ["inline /ref [[1]] @1", "wikilink wiki [wiki] @1"])
    }

    @Test func onlyRealTagsHideTheirText() {
        // Not a tag by CommonMark's grammar, so the link inside counts.
        #expect(found("a </'x [b](/c) y>.") == ["inline /c [b] @1"])
        #expect(found("[a<b](/c)>") == ["inline /c [a<b] @1"])
        // MDX-style attributes make this no tag at all, so it is no anchor either.
        #expect(found("<a href=\"/x\" data={{ a: \"b c\" }}>x</a>") == [])
        #expect(found("<span title=\"[a](/hidden)\">[b](/shown)</span>") == ["inline /shown [b] @1"])
    }

    @Test func characterReferencesDecodeInTargetsAndText() {
        #expect(found("[x &amp; y](&eacute;) <a href=\"/&copy;\">settle &amp; clear</a>") == [
            "inline é [x & y] @1", "html /© [settle & clear] @1",
        ])
    }

    @Test func controlCharactersLeaveAnchorText() {
        #expect(found("[ctl\u{02}text](/b)") == ["inline /b [ctltext] @1"])
    }

    @Test func linksInsideAnImageDescriptionAreAltText() {
        #expect(found("![f [g](/h)](/i) [j](/k)") == ["inline /k [j] @1"])
    }

    @Test func fencesEndWithTheirContainer() {
        #expect(found("> ```\n> [a](/b)\n> ```\n> [c](/d)") == ["inline /d [c] @4"])
        #expect(found("> ```\n> x\n\n[c](/d)") == ["inline /d [c] @4"])
        #expect(found("- ```\n  x\n\n[c](/d)") == ["inline /d [c] @4"])
    }

    @Test func definitionDestinationOnTheNextLine() {
        #expect(found("[D]\n\n[d]:\n  /dd\n  'title'") == ["reference /dd [D] @1"])
        #expect(found("[e]:\nnot a destination [x](/y)") == ["inline /y [x] @2"])
    }

    @Test func scriptBlocksHoldNoAnchors() {
        #expect(found("<script>\nvar s = '<a href=\"/s\">';\n</script>\n\n<pre>\n<a href=\"/p\">p</a>\n</pre>") == ["html /p [p] @6"])
    }

    /// Destinations and titles are settled by a short look when they can be, by the index when
    /// they hold parentheses or backslashes or run long: both give CommonMark's answer.
    @Test func shortAndLongDestinationsAndTitles() {
        let long = String(repeating: "a", count: 300)
        #expect(found(#"[a](/x(y)z) [b](/p\)q) [c](/\(x) [d](/\(x "t")"#) == [
            "inline /x(y)z [a] @1", "inline /p)q [b] @1", "inline /(x [c] @1", "inline /(x [d] @1",
        ])
        #expect(found(#"[a](/\#(long)) [b](/b "\#(long)") [c](/c "x\"y") [d](/d 'it\'s')"#) == [
            "inline /\(long) [a] @1", "inline /b [b] @1", "inline /c [c] @1", "inline /d [d] @1",
        ])
        #expect(found(#"[a](/x "unclosed) [b](/y)"#) == ["inline /y [b] @1"])
        #expect(found("[a](/x") == [])
    }
}
