import Foundation
import TermgraphCorpus
import TermgraphLinking
import Testing
import TestSupport

/// `fragments: check` (§1d): which `#fragment`s name an anchor of their target, on small
/// corpora whose every anchor is written out by hand.
@Suite struct BrokenFragmentTests {
    /// The `broken-fragment` problems as `file:line: fragment`, in order, and every other
    /// problem's kind.
    private func check(_ files: [String: String]) throws -> (broken: [String], others: [String]) {
        let corpus = try TemporaryCorpus(files)
        defer { corpus.remove() }
        let problems = CorpusGraph(try CorpusReader().read(corpus.url)).problems
        let broken = problems.filter { $0.kind == .brokenFragment }
            .map { "\($0.file):\($0.line ?? 0): \($0.message.components(separatedBy: "has no anchor ").last!)" }
            .sorted()
        return (broken, problems.filter { $0.kind != .brokenFragment }.map(\.kind.rawValue))
    }

    private let target = """
        # Target Page

        ## Usage {#custom-usage}

        ## Hello, World!

        ## Hello, World!

        ## التسوية والمقاصة

        <a name="old-name"></a> and <span id="span-id">x</span>

        <GlossaryDefinition term="nft" />

        """

    @Test func goodAndBadFragments() throws {
        let source = """
            # Source

            [a](target#target-page) [b](target#custom-usage) [c](target#Usage) [d](/target#hello-world)
            [e](target.md#hello-world-1) [f](target#hello-world-2) [g](target#%D8%A7%D9%84%D8%AA%D8%B3%D9%88%D9%8A%D8%A9-%D9%88%D8%A7%D9%84%D9%85%D9%82%D8%A7%D8%B5%D8%A9)
            [h](target#old-name) [i](target#SPAN-ID/) [j](target#nft) [k](<target#Target Page>) [l](target#usage-1)
            [m](#source) [n](#nope) [o](https://example.com/#x) [p](missing#x) [q](target#)

            Used [here][r].

            [r]: target#missing-ref
            """
        let result = try check([
            "termgraph.yml": "fragments: check\nfragment_patterns: ['<GlossaryDefinition term=\"([^\"]+)\"']\n",
            "target.md": target, "source.md": source,
        ])
        #expect(result.broken == [
            "source.md:4: \"hello-world-2\"", "source.md:5: \"usage-1\"", "source.md:6: \"nope\"", "source.md:8: \"missing-ref\"",
        ])
        #expect(result.others == ["wanted-link"])
    }

    @Test func withoutTheSettingNothingIsChecked() throws {
        let result = try check(["target.md": target, "source.md": "[x](target#nowhere) [y](#nope)\n"])
        #expect(result.broken.isEmpty)
    }

    @Test func withoutPatternsTheirIDsAreNoAnchors() throws {
        let result = try check(["termgraph.yml": "fragments: check\n", "target.md": target, "source.md": "[x](target#nft)\n"])
        #expect(result.broken == ["source.md:1: \"nft\""])
    }

    @Test func htmlPagesAnchorEveryElementsID() throws {
        let page = "<html><body><nav id=top></nav><main><h2 id=\"intro\">Intro</h2><a name=legacy></a><p name=notanchor></p></main></body></html>"
        let result = try check([
            "termgraph.yml": "fragments: check\n", "page.html": page,
            "source.md": "[a](page.html#top) [b](/page#intro) [c](page#legacy) [d](page#notanchor) [e](page#Intro)\n",
        ])
        // Ids count anywhere in the page, chrome included; a `name` only on `<a>`; the id `intro`
        // answers `#Intro` as fragments fold case.
        #expect(result.broken == ["source.md:1: \"notanchor\""])
    }

    @Test func vaultHeadingsAndBlocks() throws {
        let result = try check([
            "termgraph.yml": "links: names\nfragments: check\n",
            "notes/Dates.md": "# Dates\n\n## Due date\n\n## Appendix: Changes\n\nA claim. ^claim-1\n",
            "Other.md": "# Other\n\n[[Dates#Due date]] [[Dates#Appendix Changes|x]] [[Dates#^claim-1]]\n[[Dates#Start date]] [[Dates#^nope]] [[#Other]] [[#Missing]]\n[[Dates#Dates#Due date]] [link](notes/Dates.md#Due%20date)\n",
        ])
        #expect(result.broken == ["Other.md:4: \"^nope\"", "Other.md:4: \"missing\"", "Other.md:4: \"start date\""])
    }

    @Test func wikiLinksNameSections() throws {
        let page = { (title: String, text: String) in
            "<page><title>\(title)</title><ns>0</ns><revision><text>\(text)</text></revision></page>"
        }
        let xml = "<mediawiki>" + page("Bank", "Intro\n== Central bank ==\n=== ''Retail'' [[banking|banks]] ===\n==Not closed\n")
            + page("Loan", "[[Bank#Central bank]] [[Bank#Central_bank]] [[Bank#Retail banks]] [[Bank#Not closed]]\n[[Bank#History]] [[#Terms]]\n== Terms ==\n")
            + "</mediawiki>"
        let result = try check(["termgraph.yml": "fragments: check\n", "wiki.xml": xml])
        #expect(result.broken == ["wiki.xml:5: \"not closed\"", "wiki.xml:6: \"history\""])
    }

    @Test func badPatternsAreReportedAndTheRestHolds() throws {
        let result = try check([
            "termgraph.yml": "fragments: check\nfragment_patterns: ['(unclosed', 'no-group', 'id=\"([^\"]+)\"']\n",
            "target.md": "# T\n\nid=\"found\"\n", "source.md": "[x](target#found) [y](target#lost)\n",
        ])
        #expect(result.broken == ["source.md:1: \"lost\""])
        #expect(result.others == ["config", "config"])
    }
}
