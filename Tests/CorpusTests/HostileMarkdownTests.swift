import Corpus
import Testing

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
}
