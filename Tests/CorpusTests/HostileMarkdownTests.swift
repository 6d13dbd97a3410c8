import TermgraphCorpus
import Testing
import TestSupport

/// Inputs built to make a naive scanner quadratic. Each asserts the exact links found; at this
/// size a quadratic scan takes minutes, a linear one milliseconds. The time limit is a hang
/// guard, not a performance assertion.
@Suite(.timeLimit(.minutes(1))) struct HostileMarkdownTests {
    let count = 60_000

    private func links(_ text: String) -> [Link] { LinkScanner.links(in: text) }

    @Test func thousandsOfUnclosedBracketsAndParentheses() {
        #expect(links(String(repeating: "[", count: count) + String(repeating: "(", count: count)).isEmpty)
        #expect(links(String(repeating: "[a](", count: count)).isEmpty)
        #expect(links("[a](" + String(repeating: "(", count: count)).isEmpty)
        #expect(links(String(repeating: "[a](<", count: count)).isEmpty)
        #expect(links(String(repeating: "[[", count: count)).isEmpty)
    }

    @Test func unclosedTitlesTagsCommentsAndCodeSpans() {
        #expect(links(String(repeating: "[a](x \"", count: count)).isEmpty)
        #expect(links(String(repeating: "<a href=\"", count: count)).isEmpty)
        #expect(links(String(repeating: "<!--", count: count) + "[a](/b)").isEmpty)
        #expect(links(String(repeating: "x`", count: 1) + String(repeating: "``y", count: count) + "[a](/b)").count == 1)
    }

    @Test func anchorsWithoutClosingTagsStillCount() {
        #expect(links(String(repeating: "<a href=/x>t ", count: count)).count == count)
    }

    @Test func manyBracketsThenManyLinks() {
        let text = String(repeating: "[", count: count) + String(repeating: "[a](/b)", count: count)
        #expect(links(text).count == count)
    }

    @Test func deeplyNestedBracketsWithADefinition() {
        let text = String(repeating: "[a ", count: count) + "x" + String(repeating: "]", count: count) + "\n\n[a x]: /target\n"
        #expect(links(text).map(\.target) == ["/target"])
    }

    @Test func deeplyNestedBracketBlocksWithADefinition() {
        let block = String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000)
        let text = "[x]: /y\n\n" + String(repeating: block + "\n", count: 30) + "[x] [a [b]][x]"
        #expect(links(text).map(\.target) == ["/y", "/y"])
    }

    @Test func enormousTargetsAndManyLinksInOneFile() {
        let target = "/" + String(repeating: "a", count: 1_000_000)
        #expect(links("[a](\(target))").map(\.target.count) == [target.count])
        #expect(links(String(repeating: "[a](/b) ", count: 200_000)).count == 200_000)
    }

    @Test func veryLongLinesAndParagraphs() {
        let line = String(repeating: "كلمة ", count: 200_000) + "[رابط](/x)"
        #expect(links(line).map(\.text) == ["رابط"])
    }

    /// One 1 MB reference destination used 5,000 times: every use is a link, and the article
    /// keeps the destination once (5 GB of copies would stop the run).
    @Test func aLongDefinitionUsedThousandsOfTimesIsStoredOnce() throws {
        let target = "/" + String(repeating: "d", count: 1 << 20)
        let markdown = String(repeating: "[r] ", count: 5_000) + "\n\n[r]: " + target + "\n"
        let article = try MarkdownFormat(categoryKey: "office").read(Array(markdown.utf8), path: "a.md")
        #expect(article.links.count == 5_000)
        let links = article.links
        #expect(links.indices.allSatisfy { links.targetText($0).count == target.utf8.count && links.anchorText($0) == [UInt8(ascii: "r")] })
        #expect(links[0] == Link(target: target, text: "r", line: 1, kind: .reference))
        #expect(links[4_999] == links[0])
    }
}
