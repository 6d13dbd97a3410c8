import TermgraphCorpus
import Testing
import TestSupport

/// CommonMark block structure, one class of mistake each: every case was read wrongly before the
/// block parser followed the spec's algorithm, and each expectation is what markdown-it-py and
/// cmark-gfm both find (Tests/interop/commonmark_diff.py compares them on random documents).
@Suite struct CommonMarkBlockTests {
    private func found(_ markdown: String) -> [String] {
        LinkScanner.links(in: markdown).map { "\($0.kind.rawValue) \($0.target) @\($0.line)" }
    }

    @Test func fenceInAListItemHoldingQuoteLinesEndsWithItsFence() {
        // Lines starting with `>` inside the fence are code, not a block quote that swallows the rest.
        #expect(found("- ```\n  > x\n  ```\n\n[z](/after)\n") == ["inline /after @5"])
        #expect(found("- a\n  ```\n  > [q](/in-code)\n  ```\n\n[z](/after)\n") == ["inline /after @6"])
    }

    @Test func tabAfterQuoteMarkerIsPartlyIndentation() {
        #expect(found(">\t[x](/tab)\n") == ["inline /tab @1"])
        // The tab leaves two columns, plus four spaces: indented code inside the quote.
        #expect(found(">\t    [x](/code)\n\n[y](/y)\n") == ["inline /y @3"])
    }

    @Test func closingTagStartsAnHTMLBlock() {
        // `</pre>` alone on its line is a kind-7 block (cmark and markdown-it): it runs to the blank line.
        #expect(found("</pre>\n[x](/html7)\n\n[y](/y)\n") == ["inline /y @4"])
        #expect(found("> <pre>\n</pre>\n> [x](/in-html)\n<a href=\"/z\">\n\n[w](/w)\n") == ["html /z @4", "inline /w @6"])
    }

    @Test func anchorInsideAnUnclosedTagIsNoAnchor() {
        // An HTML tokenizer reads `<a href…` as attributes of the open `<div` tag.
        #expect(found("<div class=\"x\"\n<a href=\"/swallowed\">\n") == [])
        #expect(found("<!DOCTYPE x <a href=\"/decl\">\n") == [])
    }

    @Test func linksInsideAnInlineAnchorCount() {
        #expect(found("x <a href=\"/x\">a [b](/in) c</a>\n") == ["html /x @1", "inline /in @1"])
    }

    @Test func tableCellsPastTheHeaderAreDropped() {
        #expect(found("| [a](/h) | b |\n|---|---|\n| [c](/c) | [d](/d) | [e](/extra) |\n") == [
            "inline /h @1", "inline /c @3", "inline /d @3",
        ])
    }

    @Test func tableCellEndsAtAPipe() {
        // In a row a `|` ends the cell, brackets or not; outside a table it is text.
        #expect(found("| h |\n|---|\n| [x](/t|y) |\n\n[x](/t|y)\n") == ["inline /t|y @5"])
    }

    @Test func definitionLabelMaySpanLines() {
        #expect(found("[a\nb]: /multi\n\n[a b]\n") == ["reference /multi @4"])
    }

    @Test func emptyListItemEndsAtABlankLine() {
        #expect(found("-\n\n  [x](/outside)\n\n   ```\n[y](/y)\n") == ["inline /outside @3"])
    }

    @Test func setextUnderlineIsNoListItem() {
        #expect(found("a\n-\n    [x](/code)\n") == [])
    }

    @Test func lazyLineMayBeATableHeaderInItsListItem() {
        // cmark-gfm: the header `b | [y](/t | z)` has three cells, so `[y](/t` is no link.
        #expect(found("- a\nb | [y](/t|z)\n  |---|---|---|\n") == [])
    }

    @Test func lazyLineStartsNoDefinition() {
        // The lazy line keeps its indentation in the paragraph: `[a]` stays undefined.
        #expect(found("> [b]: /b\n  [a]: /c\n\n[a]\n") == [])
    }

    @Test func wikilinkLeavesTheBracketsAroundItFree() {
        #expect(found("[see [[a]]](/b)\n") == ["wikilink a @1", "inline /b @1"])
    }

    @Test func anchorAfterTheFirstGreaterThanOfAnInlineProcessingInstruction() {
        // CommonMark's raw HTML runs to `?>`; a browser ends the instruction at its first `>`.
        #expect(found("x <?php a > <a href=\"/t\"> ?>\n") == ["html /t @1"])
    }
}
