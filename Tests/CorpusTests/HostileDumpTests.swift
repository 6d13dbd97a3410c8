import TermgraphCorpus
import Testing

/// Dumps that try to hurt the reader: each is reported with its file, line and page, and every
/// other page is still read.
@Suite struct HostileDumpTests {
    private func read(_ xml: String) -> StreamedFile {
        MediaWikiFormat().read(Array(xml.utf8), path: "evil.xml")
    }

    private static let laughs: String = {
        var entities = "<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n"
        }
        return entities
    }()

    @Test func aBillionLaughsIsNeverExpanded() throws {
        let read = read("""
            <?xml version="1.0"?>
            <!DOCTYPE mediawiki [
            \(Self.laughs)]>
            <mediawiki>
            <page><title>Bomb</title><ns>0</ns><revision><text>[[A]] &lol9; [[B]]</text></revision></page>
            <page><title>After</title><ns>0</ns><revision><text>[[C]]</text></revision></page>
            </mediawiki>
            """)
        #expect(read.articles.map(\.slug) == ["Bomb", "After"])
        #expect(read.articles.map { $0.links.map(\.target) } == [["A", "B"], ["C"]])
        #expect(read.problems.map(\.description) == [
            "evil.xml:2: encoding: the dump declares a DOCTYPE, which dumps never have; it is ignored, and no entity it declares is expanded",
            "evil.xml:15: encoding: page \"Bomb\" uses the entity &lol9;, which no dump declares; it is read as text",
        ])
    }

    @Test func anExternalEntityIsNeverRead() throws {
        let read = read("""
            <!DOCTYPE mediawiki [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <mediawiki><page><title>Leak</title><ns>0</ns><redirect title="&xxe;"/><revision><text>[[&xxe;]] [[Safe]]</text></revision></page>
            <page><title>Leak2</title><ns>0</ns><revision><text>[[&xxe;]] [[Safe]]</text></revision></page></mediawiki>
            """)
        #expect(read.articles.map(\.slug) == ["Leak2"])
        #expect(read.articles[0].links.map(\.target) == ["&xxe;", "Safe"])
        #expect(!read.articles.flatMap { $0.links.map(\.target) }.contains { $0.contains("root:") })
        #expect(read.problems.map(\.description) == [
            "evil.xml:1: encoding: the dump declares a DOCTYPE, which dumps never have; it is ignored, and no entity it declares is expanded",
            "evil.xml:2: encoding: page \"Leak\" uses the entity &xxe;, which no dump declares; it is read as text",
            "evil.xml:3: encoding: page \"Leak2\" uses the entity &xxe;, which no dump declares; it is read as text",
            "evil.xml:2: broken-redirect: Leak redirects to &xxe;, which is not a page of this dump",
        ])
    }

    @Test func invalidUTF8IsReportedAtItsPageAndLine() throws {
        var bytes = Array("<mediawiki>\n<page><title>Bad</title><ns>0</ns><revision><text>[[X]]\n".utf8)
        bytes += [0xFF, 0xC3, 0x28, 0x01]
        bytes += Array(" [[Y]]</text></revision></page>\n<page><title>Good</title><ns>0</ns><revision><text>[[مكتب]]</text></revision></page>\n</mediawiki>\n".utf8)
        let read = MediaWikiFormat().read(bytes, path: "evil.xml")
        #expect(read.articles.map(\.slug) == ["Bad", "Good"])
        #expect(read.articles.map { $0.links.map(\.target) } == [["X", "Y"], ["مكتب"]])
        #expect(read.problems.map(\.description) == [
            "evil.xml:3: encoding: page \"Bad\" holds bytes that are not UTF-8 or are control characters; they are read as U+FFFD",
        ])
    }

    @Test func everyLineEndXMLReadsCountsAsALine() throws {
        // A CR alone, CR LF and `&#10;` are each one line end to an XML parser, and so to the lines.
        let read = read("<mediawiki>\r<page><title>P</title><ns>0</ns><revision><text>[[A]]\r\r[[B]]\r\n[[C]]&#10;[[D]]&#xA;[[E]]</text></revision></page>\r\n<page><title>Q</title><ns>0</ns><revision><text>[[F]]</text></revision></page></mediawiki>")
        #expect(read.articles.map { $0.links.map { "\($0.target)@\($0.line)" } } == [["A@2", "B@4", "C@5", "D@6", "E@7"], ["F@8"]])
        #expect(read.articles.map(\.source.line) == [2, 8])
    }

    @Test func brokenXMLIsReportedAtItsLineAndRecovered() throws {
        let filler = String(repeating: "filler text\n", count: 400)
        let read = read("<mediawiki>\n<page><title>First</title><ns>0</ns><revision><text>[[A]]\(filler)</text></revision></page>\n<page><title>Second</title><ns>0</ns><revision><text>[[B]]</text></revision></pag>\n</mediawiki>")
        #expect(read.articles.map(\.slug) == ["First", "Second"])
        #expect(read.problems.map(\.description) == [
            "evil.xml:403: encoding: the XML is not well-formed: Opening and ending tag mismatch: page line 403 and pag; pages from there on may be missing",
        ])
    }

    @Test func anOversizedTextIsLeftOutAndTheRestRead() throws {
        let line = String(repeating: "[[Link]] text ", count: 7) + "\n"
        let huge = String(repeating: line, count: (9 << 20) / line.utf8.count)
        let read = read("<mediawiki>\n<page><title>Huge</title><ns>0</ns><revision><text>\(huge)</text></revision></page>\n<page><title>After</title><ns>0</ns><revision><text>[[B]]</text></revision></page>\n</mediawiki>")
        #expect(read.articles.map(\.slug) == ["After"])
        #expect(read.articles.first?.source.line == 3 + huge.utf8.count(where: { $0 == 0x0A }))
        #expect(read.problems.map(\.description) == [
            "evil.xml:2: unreadable: page \"Huge\" has a text of more than 8 MB (MediaWiki stores none over 2 MB); it is left out",
        ])
    }
}
