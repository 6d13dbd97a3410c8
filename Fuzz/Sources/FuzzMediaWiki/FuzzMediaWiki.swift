import TermgraphKit

/// The MediaWiki reader on any bytes: as a whole dump (the XML layer: DOCTYPEs, entities,
/// broken UTF-8, broken XML) when the first byte is even, else as the wikitext of one page
/// (the link scanner: exclusions, nesting, trails), escaped into a dump. Whatever the bytes,
/// the reader must not crash, must give the same answer twice, and every line it names must be
/// a line of the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMediaWiki(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    let bytes: [UInt8]
    if let first = input.first, first & 1 == 1 {
        var escaped: [UInt8] = []
        for byte in input.dropFirst() {
            switch byte {
            case UInt8(ascii: "<"): escaped += Array("&lt;".utf8)
            case UInt8(ascii: "&"): escaped += Array("&amp;".utf8)
            default: escaped.append(byte)
            }
        }
        bytes = Array("<mediawiki>\n<page><title>Fuzz</title><ns>0</ns><revision><text>".utf8) + escaped
            + Array("</text></revision></page>\n</mediawiki>\n".utf8)
    } else {
        bytes = input
    }
    let format = MediaWikiFormat(namespaces: [0, 14])
    let read = format.read(bytes, path: "fuzz.xml")

    // Lines end where XML's do (LF, CR LF, a CR alone) and at each `&#10;`; every `&#` counts,
    // which bounds the last line from above.
    var lastLine = 1
    for (i, byte) in bytes.enumerated() {
        if byte == 0x0D || (byte == 0x0A && (i == 0 || bytes[i - 1] != 0x0D)) { lastLine += 1 }
        if byte == UInt8(ascii: "&") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "#") { lastLine += 1 }
    }
    for article in read.articles {
        guard (1...lastLine).contains(article.source.line) else { fatalError("article \(article.slug) at line \(article.source.line) of \(lastLine)") }
        guard !article.slug.isEmpty, !article.title.isEmpty else { fatalError("an article without a slug or title: \(article)") }
        for link in article.links {
            guard (article.source.line...lastLine).contains(link.line) else {
                fatalError("link \(link) of \(article.slug) at line \(link.line) of \(lastLine)")
            }
            guard link.kind == .wikilink, !link.target.isEmpty else { fatalError("link \(link) is not a wikilink with a target") }
        }
    }
    for problem in read.problems {
        if let line = problem.line, !(1...lastLine).contains(line) { fatalError("problem \(problem) outside 1...\(lastLine)") }
    }
    let again = format.read(bytes, path: "fuzz.xml")
    guard again.articles == read.articles, again.problems == read.problems else {
        fatalError("reading the same bytes twice differs:\n\(read.articles)\n\(again.articles)")
    }
    return 0
}
