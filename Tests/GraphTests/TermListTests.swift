import TermgraphGraph
import Testing
import TestSupport

@Suite struct TermListTests {
    // 0→1, 1→2, 2→0 (a cycle), 3→4 where 4 is a stub, 5 alone, 6→6 only (a self-link makes no edge).
    let graph = makeGraph(7, [(0, 1), (1, 2), (2, 0), (3, 4), (6, 6)], stubs: [4])

    @Test func orphansHaveNoLinkFromAnotherArticle() {
        #expect(graph.terms(.orphan) == [3, 5, 6])
    }

    @Test func wantedTermsAreStubsWithTheirLinkingArticles() {
        #expect(graph.terms(.wanted) == [4])
        #expect(graph.linkingArticleCount(4) == 1)
    }

    @Test func deadEndsLinkNowhereAndLinksToStubsCount() {
        #expect(graph.terms(.deadEnd) == [5, 6])
    }

    @Test func isolatedIsOrphanAndDeadEnd() {
        #expect(graph.terms(.isolated) == [5, 6])
    }

    @Test func emptyGraphHasEmptyLists() {
        for kind in TermListKind.allCases { #expect(makeGraph(0, []).terms(kind).isEmpty) }
    }
}
