import Foundation
import Testing
@testable import TermgraphServer
import TermgraphKit

@Suite struct APIRequestTests {
    @Test func formsEncodingIsDecodedPlusAsSpaceAndPercentAsUTF8() throws {
        let request = try APIRequest(query: "from=%D9%88%D8%A7%D9%84%D9%85%D9%83%D8%AA%D8%A8+%D8%A7%D9%84%D8%A3%D9%88%D8%B3%D8%B7&to=a%2Bb", allowed: ["from", "to"])
        #expect(request.text("from") == "والمكتب الأوسط")
        #expect(request.text("to") == "a+b")
    }

    @Test func unknownRepeatedAndOverlongParametersAreBadParameters() {
        #expect(throws: QueryError.badParameter("unknown parameter \"verbose\"; this request takes kind")) {
            try APIRequest(query: "verbose=1", allowed: ["kind"])
        }
        #expect(throws: QueryError.badParameter("parameter \"q\" is given twice")) {
            try APIRequest(query: "q=a&q=b", allowed: ["q"])
        }
        #expect(throws: QueryError.badParameter("q is longer than 1000 characters")) {
            try APIRequest(query: "q=" + String(repeating: "a", count: 1001), allowed: ["q"])
        }
        #expect(throws: QueryError.badParameter("the query string is not percent-encoded UTF-8")) {
            try APIRequest(query: "q=%FF", allowed: ["q"])
        }
    }

    @Test func numbersAndFlagsKeepToTheirBounds() throws {
        let request = try APIRequest(query: "depth=11&limit=10000&all=1&undirected=yes", allowed: ["depth", "limit", "all", "undirected"])
        #expect(throws: QueryError.badParameter("depth must be a whole number from 1 to 10, not \"11\"")) {
            try request.number("depth", in: 1...10, default: 1)
        }
        #expect(try request.number("limit", in: 1...10_000, default: 10) == 10_000)
        #expect(try request.number("missing", in: 1...10, default: 3) == 3)
        #expect(try request.flag("all"))
        #expect(throws: QueryError.badParameter("undirected must be 1 or 0, not \"yes\"")) { try request.flag("undirected") }
    }

    @Test func theClientEscapesEverythingButUnreservedCharacters() {
        #expect(ServerClient.escape("a b+c/é&=") == "a%20b%2Bc%2F%C3%A9%26%3D")
        #expect(ServerClient.escape("Az09-._~") == "Az09-._~")
    }

    @Test func pageDirectionFollowsTheLanguageElseTheTitles() {
        let arabic = KnowledgeGraph(nodes: [Node(slug: "a", key: "a", title: "تسوية"), Node(slug: "b", key: "b", title: "مقاصة")], edges: [])
        #expect(CorpusFacts(arabic).direction == "rtl")
        let english = KnowledgeGraph(nodes: [Node(slug: "a", key: "a", title: "تسوية")], edges: [], language: "en-GB")
        #expect(CorpusFacts(english).direction == "ltr")
        let persian = KnowledgeGraph(nodes: [Node(slug: "a", key: "a", title: "Settlement")], edges: [], language: "fa")
        #expect(CorpusFacts(persian).direction == "rtl")
    }
}
