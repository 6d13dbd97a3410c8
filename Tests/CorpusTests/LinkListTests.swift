import Foundation
import TermgraphCorpus
import Testing
import TestSupport

@Suite struct LinkListTests {
    /// The compact list an article keeps gives back every link exactly as it was found.
    @Test func aLinkListGivesBackEveryLink() {
        let links = [
            Link(target: "/تسوية#جزء", text: "والتسوية", line: 1, kind: .inline),
            Link(target: "", text: "", line: 7, kind: .reference),
            Link(target: "a b", text: "[[x]]", line: 1 << 26, kind: .wikilink),
            Link(target: "/x", text: "", line: 3, kind: .html),
        ]
        let list = LinkList(links)
        #expect(Array(list) == links)
        #expect(list == LinkList(links))
        #expect(list != LinkList(Array(links.dropLast())))
        var appended: LinkList = []
        for link in links { appended.append(link) }
        #expect(appended == list)
    }

    /// Targets kept as the anchor text they begin with come back byte for byte: a wiki's
    /// spaces spelled `_`, a link trail, an underscore that was one already, a space that was
    /// not spelled `_`, a cut inside an Arabic letter's bytes.
    @Test func targetsSharedWithTheirAnchorTextComeBackAsWritten() {
        let links = [
            Link(target: "Bank_account", text: "Bank account", line: 2, kind: .wikilink),
            Link(target: "Bank", text: "Banks", line: 2, kind: .wikilink),
            Link(target: "snake_case_name", text: "snake_case name", line: 3, kind: .wikilink),
            Link(target: "a b_c", text: "a b c", line: 3, kind: .wikilink),
            Link(target: "a_b c", text: "a b c", line: 3, kind: .wikilink),
            Link(target: "تسوية_نقدية", text: "تسوية نقدية", line: 4, kind: .wikilink),
            Link(target: "تسوية", text: "تسويات", line: 4, kind: .wikilink),
            Link(target: "/settlement", text: "/settlement", line: 5, kind: .inline),
            Link(target: "ab", text: "ab", line: 6, kind: .inline),
        ]
        let list = LinkList(links)
        #expect(Array(list) == links)
        for (i, link) in links.enumerated() {
            #expect(Array(list.targetText(i)) == Array(link.target.utf8))
            #expect(Array(list.anchorText(i)) == Array(link.text.utf8))
        }
    }

    /// Random lists of every shape — empty texts, repeated reference definitions, lines out of
    /// order and past 28 bits, texts and targets that share beginnings or not, more links than
    /// a block — give back each link by index, in order, and entry by entry.
    @Test func randomListsGiveBackEveryLinkByIndex() {
        var random = SeededRandom(seed: 20261203)
        let pieces = ["a", "b", " ", "_", "ت", "س", "é", "e\u{301}", "/", "#", "[", "0"]
        func text() -> String {
            (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        for _ in 0..<400 {
            var links: [Link] = []
            var line = 1
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                line = switch Int.random(in: 0...9, using: &random) {
                case 0: Int.random(in: -5...(1 << 30), using: &random)
                case 1: max(0, line - Int.random(in: 1...50, using: &random))
                default: line + Int.random(in: 0...3, using: &random)
                }
                let kind = Link.Kind.allCases.randomElement(using: &random)!
                let anchor = text()
                let target = switch Int.random(in: 0...3, using: &random) {
                case 0: anchor + text()
                case 1: anchor.replacingOccurrences(of: " ", with: "_") + text()
                case 2: links.last(where: { $0.kind == .reference })?.target ?? text()
                default: text()
                }
                links.append(Link(target: target, text: anchor, line: line, kind: kind))
            }
            let list = LinkList(links)
            let expected = links.map { link in
                Link(target: link.target, text: link.text, line: min(max(link.line, 0), Int(UInt32.max >> 4)), kind: link.kind)
            }
            #expect(list.count == expected.count)
            #expect(Array(list) == expected)
            let entries = Array(list.entries)
            #expect(entries.map(\.index) == Array(expected.indices))
            #expect(entries.map(\.line) == expected.map(\.line) && entries.map(\.kind) == expected.map(\.kind))
            #expect(entries.map { Array($0.targetText) } == expected.map { Array($0.target.utf8) })
            #expect(entries.map { Array($0.anchorText) } == expected.map { Array($0.text.utf8) })
            for i in expected.indices.shuffled(using: &random) {
                #expect(list[i] == expected[i])
                #expect(list.line(i) == expected[i].line && list.kind(i) == expected[i].kind)
                #expect(Array(list.targetText(i)) == Array(expected[i].target.utf8))
                #expect(Array(list.anchorText(i)) == Array(expected[i].text.utf8))
            }
        }
    }

    /// A dump page's eight links as the generated benchmark writes them take 211 bytes, about
    /// 26 a link, against 405 when each link was five 32-bit words and both its texts' bytes
    /// (worked out by hand: the first link is a two-byte header, the text's length and 22 bytes, and
    /// the target as 22 bytes of the text and no more).
    @Test func aWikiPagesLinksAreKeptInAboutHalfTheBytes() {
        let links = [
            Link(target: "Settlement_term_481516", text: "Settlement term 481516", line: 1, kind: .wikilink),
            Link(target: "Clearing_term_23", text: "the clearing", line: 1, kind: .wikilink),
            Link(target: "Trade_term_42#History", text: "trade", line: 1, kind: .wikilink),
            Link(target: "Ledger_term_108", text: "Ledger term 108s", line: 1, kind: .wikilink),
            Link(target: "Account_term_815", text: "Account term 815", line: 3, kind: .wikilink),
            Link(target: "Risk_term_4", text: "the risk", line: 3, kind: .wikilink),
            Link(target: "Margin_term_162342#History", text: "margin", line: 3, kind: .wikilink),
            Link(target: "Missing_term_777", text: "Missing term 777s", line: 4, kind: .wikilink),
        ]
        let list = LinkList(links)
        #expect(Array(list) == links)
        let written = links.reduce(0) { $0 + $1.target.utf8.count + $1.text.utf8.count }
        #expect(written + 20 * links.count == 405)
        #expect(list.storedBytes == 211)
    }
}
