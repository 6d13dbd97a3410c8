import TermgraphCorpus
import Foundation
import Testing
import TestSupport

/// HTML pages built to hurt a parser, next to good articles: a bad one is reported with its file
/// and line, a page the parser can read safely is read, and the rest of the corpus is built.
@Suite(.timeLimit(.minutes(2))) struct HostileHTMLTests {
    private func corpus(with files: [String: [UInt8]]) throws -> (TemporaryCorpus, Corpus) {
        let corpus = try TemporaryCorpus([
            "good.md": "# Good\n[page](/page)\n",
            "page.html": "<title>Page</title><main><a href='/good'>good</a></main>",
        ])
        for (name, bytes) in files { try Data(bytes).write(to: corpus.url.appendingPathComponent(name)) }
        return (corpus, try CorpusReader().read(corpus.url))
    }

    private func article(_ corpus: Corpus, _ path: String) -> Article? {
        corpus.articles.first { $0.path == path }
    }

    private func goodArticlesBuilt(_ corpus: Corpus) {
        #expect(article(corpus, "good.md")?.links.map(\.target) == ["/page"])
        #expect(article(corpus, "page.html")?.links.map(\.target) == ["/good"])
    }

    @Test func nestingOneHundredThousandLevelsDeepIsReadToTheEnd() throws {
        let depth = 100_000
        let page = "<title>Deep</title>" + String(repeating: "<div>", count: depth) + "\n<a href='/bottom'>bottom</a>" + String(repeating: "</div>", count: depth)
        let (files, corpus) = try corpus(with: ["deep.html": Array(page.utf8)])
        defer { files.remove() }
        #expect(corpus.problems == [])
        #expect(article(corpus, "deep.html")?.links.map { "\($0.target)@\($0.line)" } == ["/bottom@2"])
        goodArticlesBuilt(corpus)
    }

    @Test func tenThousandNestedAnchorsGatherTheirTextOnce() throws {
        // libxml2 nests `<a>` in `<a>` when another element stands between them.
        let text = String(repeating: "word ", count: 200_000)
        let page = String(repeating: "<a href='/n'><b>", count: 10_000) + text + "\n<a href='/good'>good</a>"
        let (files, corpus) = try corpus(with: ["nested.html": Array(page.utf8)])
        defer { files.remove() }
        let links = try #require(article(corpus, "nested.html")).links
        #expect(links.count == 10_001)
        #expect(links.filter { !$0.text.isEmpty }.map(\.text.count) == [text.count - 1, 4])
        goodArticlesBuilt(corpus)
    }

    @Test func invalidUTF8IsReportedAtItsLine() throws {
        let bytes = Array("<title>x</title>\n<p>ok</p>\n<p>".utf8) + [0xC3, 0x28] + Array("</p>\n".utf8)
        let (files, corpus) = try corpus(with: ["latin.html": bytes, "nul.htm": Array("<p>".utf8) + [0] + Array("</p>".utf8)])
        defer { files.remove() }
        #expect(corpus.problems.map(\.description) == [
            "latin.html:3: encoding: file is not valid UTF-8",
            "nul.htm:1: binary: file holds NUL bytes; it is not a text article",
        ])
        #expect(article(corpus, "latin.html") == nil)
        goodArticlesBuilt(corpus)
    }

    @Test func aHundredMegabyteTextNodeIsReadWithTheLinkAfterIt() throws {
        let text = [UInt8](repeating: UInt8(ascii: "a"), count: 100 << 20)
        let bytes = Array("<title>Big</title><p>".utf8) + text + Array("</p>\n<a href='/after'>after</a>".utf8)
        let (files, corpus) = try corpus(with: ["big.html": bytes])
        defer { files.remove() }
        #expect(corpus.problems == [])
        #expect(article(corpus, "big.html")?.links.map { "\($0.target)@\($0.line)" } == ["/after@2"])
        goodArticlesBuilt(corpus)
    }

    @Test func aFileOverTheLimitIsReportedAndSkipped() throws {
        let (files, corpus) = try corpus(with: ["huge.html": [UInt8](repeating: UInt8(ascii: " "), count: (128 << 20) + 1)])
        defer { files.remove() }
        #expect(corpus.problems.map(\.description) == [
            "huge.html: unreadable: cannot read file: file is larger than 128 MiB; an article that size is not text a person wrote",
        ])
        goodArticlesBuilt(corpus)
    }

    /// The page is read with `reference` left as text in its title and its one link's anchor.
    private func expectUnexpanded(_ page: String, name: String, reference: String) throws {
        let (files, corpus) = try corpus(with: [name: Array(page.utf8)])
        defer { files.remove() }
        #expect(corpus.problems == [])
        let read = try #require(article(corpus, name))
        #expect(read.title == reference)
        #expect(read.links.map { "\($0.target) [\($0.text)]" } == ["/good [\(reference)]"])
        goodArticlesBuilt(corpus)
    }

    @Test func anExternalEntityIsNeverLoaded() throws {
        let page = """
            <!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>
            <html><head><title>&secret;&remote;</title></head><body><a href="/good">&secret;&remote;</a></body></html>
            """
        try expectUnexpanded(page, name: "entity.html", reference: "&secret;&remote;")
    }

    @Test func anInternalEntityBombIsNeverExpanded() throws {
        var entities = "<!ENTITY e0 \"bomb\">"
        for level in 1...12 { entities += "<!ENTITY e\(level) \"" + String(repeating: "&e\(level - 1);", count: 10) + "\">" }
        let page = "<!DOCTYPE html [\(entities)]><title>&e12;</title><p>&e12;&e12;</p><a href='/good'>&e12;</a>"
        try expectUnexpanded(page, name: "bomb.html", reference: "&e12;")
    }
}
