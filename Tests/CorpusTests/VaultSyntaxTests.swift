import Foundation
import TermgraphCorpus
import Testing
import TestSupport

/// What a vault note's Markdown adds to links (§1a): embeds, `%%comments%%`, `\|` in table rows,
/// `[[]]`, and how a corpus is known to be a vault.
@Suite struct VaultSyntaxTests {
    private func found(_ markdown: String, vault: Bool = true) -> [String] {
        LinkScanner.links(in: markdown, vault: vault).map { "\($0.kind.rawValue) \($0.target) [\($0.text)] @\($0.line)" }
    }

    @Test func embedsOfNotesAndFilesAreLinks() {
        #expect(found("![[Note]] ![[Note#Part|shown]] ![pic](img/a.png) ![[a.png]]") == [
            "embed Note [Note] @1", "embed Note#Part [shown] @1", "embed img/a.png [pic] @1", "embed a.png [a.png] @1",
        ])
        // Outside a vault an image is not a link, and `![[x]]` is text.
        #expect(found("![[Note]] ![pic](img/a.png)", vault: false) == [])
    }

    @Test func commentsHideLinksAcrossParagraphsAndAnUnclosedOneRunsToTheEnd() {
        let text = """
            [[Shown]] %% [[Hidden]] %% [[Also shown]]
            %% a comment over

            two paragraphs [[Hidden too]] %% [[After]]
            `%%` in code opens nothing: [[Code neighbour]]
            %% unclosed [[Never]]

            [[Still hidden]]
            """
        #expect(found(text) == [
            "wikilink Shown [Shown] @1", "wikilink Also shown [Also shown] @1", "wikilink After [After] @4",
            "wikilink Code neighbour [Code neighbour] @5",
        ])
        // Outside a vault `%%` is text.
        #expect(found("%% [[Seen]] %%", vault: false) == ["wikilink Seen [Seen] @1"])
    }

    @Test func anEscapedPipeSeparatesTheTextInATableRowOnly() {
        let text = """
            | term | see |
            | ---- | :-: |
            | a | [[Backlinks\\|backlink]] |

            Outside a table [[A\\|B]] keeps its pipe.
            """
        #expect(found(text) == ["wikilink Backlinks [backlink] @3", "wikilink A|B [A|B] @5"])
        // Outside a vault the table's `\\|` is text before the separator, as before.
        #expect(found("| a |\n| - |\n| [[Backlinks\\|b]] |", vault: false) == ["wikilink Backlinks\\ [b] @3"])
    }

    @Test func headingsBlocksAndEmptyTargetsAreKept() {
        #expect(found("[[Note#Heading]] [[Note#^block|b]] [[#Here]] [[]]") == [
            "wikilink Note#Heading [Note] @1", "wikilink Note#^block [b] @1", "wikilink #Here [] @1", "wikilink  [] @1",
        ])
        #expect(found("[[]]", vault: false) == [])
    }

    @Test func aWikilinkBindsTighterThanACodeSpanStartingInsideIt() {
        #expect(found("[[Api#`f()`|f]] and `[[not a link]]`") == ["wikilink Api#`f()` [f] @1"])
    }

    @Test func calloutsAreBlockQuotesWhoseLinksCount() {
        #expect(found("> [!note] See [[Title link]]\n> and [[Body link]]\n") == [
            "wikilink Title link [Title link] @1", "wikilink Body link [Body link] @2",
        ])
    }

    @Test func brokenVaultSyntaxIsTextOrAnEmptyLink() {
        #expect(found("![[ ![[x ![[]] %") == ["embed  [] @1"])
        // (Three columns: cells past the header's count are not part of a GFM table.)
        #expect(found("| a | b | c |\n| - | - | - |\n| [[\\|t]] | [[a\\|]] | ![[\\|]] |") == ["wikilink  [t] @3", "wikilink a [] @3", "embed  [] @3"])
        #expect(found("%%%% [[after four]]\n%%%") == ["wikilink after four [after four] @1"])
    }

    @Test func aNoteWithoutTitleOrHeadingIsTitledByItsFileName() throws {
        let format = MarkdownFormat(isVault: true)
        #expect(try format.read(Array("text only\n".utf8), path: "Daily/2026-12-02 Plan.md").title == "2026-12-02 Plan")
        #expect(try format.read(Array("# Heading\n".utf8), path: "Daily/x.md").title == "Heading")
        #expect(try format.read(Array("---\ntitle: Set\n---\n# Heading\n".utf8), path: "x.md").title == "Set")
        // Outside a vault the slug is the title, folders and all.
        #expect(try MarkdownFormat().read(Array("text only\n".utf8), path: "Daily/Plan.md").title == "Daily/Plan")
        // Only Markdown notes are a vault's articles.
        #expect(format.extensions == [".md", ".markdown"])
    }

    @Test func vaultMarkersChooseNamesUnlessTermgraphYmlSaysOtherwise() throws {
        let corpus = try TemporaryCorpus([
            "obsidian/.obsidian/app.json": "{}", "obsidian/a.md": "",
            "foam/.foam/keep": "", "foam/a.md": "",
            "vscode/.vscode/extensions.json": """
                {
                  // Foam's own extension, after a comment with "quotes" and a URL http://x
                  "recommendations": ["Foam.foam-vscode", /* and */ "yzhang.markdown-all-in-one",],
                }
                """,
            "vscode/a.md": "",
            "unwanted/.vscode/extensions.json": #"{"recommendations": [], "unwantedRecommendations": ["foam.foam-vscode"]}"#,
            "declared/.obsidian/app.json": "{}", "declared/termgraph.yml": "links: paths\n",
            "named/termgraph.yml": "links: names\n",
            "bad/termgraph.yml": "links: notes\n",
        ])
        defer { corpus.remove() }
        func mode(_ folder: String) throws -> LinkMode { try CorpusReader().read(corpus.url.appendingPathComponent(folder)).config.links }
        #expect(try mode("obsidian") == .names)
        #expect(try mode("foam") == .names)
        #expect(try mode("vscode") == .names)
        #expect(try mode("unwanted") == .paths)
        #expect(try mode("declared") == .paths)
        #expect(try mode("named") == .names)
        let bad = try CorpusReader().read(corpus.url.appendingPathComponent("bad"))
        #expect(bad.config.links == .paths)
        #expect(bad.problems.map(\.description) == ["termgraph.yml:1: config: links \"notes\" is neither paths nor names; it is ignored"])
    }
}
