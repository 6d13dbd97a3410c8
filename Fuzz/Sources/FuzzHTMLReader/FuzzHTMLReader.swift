import TermgraphKit

/// The invariants every HTML page must keep, whatever its bytes (PRODUCT.md §1b, §6). A broken
/// one is a bug in the reader: `fatalError` turns it into a crash that libFuzzer saves.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    var lineFeeds = 0
    for byte in bytes where byte == 0x0A { lineFeeds += 1 }
    // A lone CR is a line end too (TextDecoding makes it LF): count lines generously.
    let lastLine = lineFeeds + bytes.count { $0 == 0x0D } + 1

    let main = HTMLFormat(config: CorpusConfig())
    let first: [Article]
    do {
        first = try main.articles(in: bytes, path: "fuzz/page.html")
    } catch {
        // A page that cannot be read is a problem with a kind a user can act on, inside the file.
        guard [.encoding, .binary, .frontMatter].contains(error.kind), error.file == "fuzz/page.html",
              let line = error.line, (1...lastLine).contains(line), !error.message.isEmpty else {
            fatalError("unexpected problem \(error)")
        }
        return 0
    }
    guard first.count == 1, let article = first.first else { fatalError("\(first.count) articles from one page") }
    guard !article.title.isEmpty, article.slug == "fuzz/page" || !article.slug.isEmpty else {
        fatalError("article without title or slug: \(article)")
    }
    for link in article.links {
        guard link.kind == .html, (1...lastLine).contains(link.line) else {
            fatalError("link \(link) of kind \(link.kind) on line \(link.line), outside 1...\(lastLine)")
        }
        // Anchor text is collapsed: no white space at either end, no two spaces, no line breaks.
        let text = link.text.unicodeScalars
        if text.first?.properties.isWhitespace == true || text.last?.properties.isWhitespace == true || link.text.contains("  ")
            || text.contains(where: { $0 != " " && $0.properties.isWhitespace }) {
            fatalError("uncollapsed anchor text \(Array(link.text.utf8)) in \(link)")
        }
    }
    // Links come in document order.
    guard zip(article.links, article.links.dropFirst()).allSatisfy({ $0.line <= $1.line }) else {
        fatalError("links out of line order: \(Array(article.links))")
    }

    // The same bytes give the same article.
    guard (try? main.articles(in: bytes, path: "fuzz/page.html")) == first else { fatalError("reading twice differs") }

    // The whole body holds at least as many anchors as its content.
    var bodyConfig = CorpusConfig()
    bodyConfig.htmlContent = .body
    if let body = try? HTMLFormat(config: bodyConfig).articles(in: bytes, path: "fuzz/page.html").first,
       body.links.count < article.links.count {
        fatalError("html_content: body gave \(body.links.count) links, main \(article.links.count)")
    }
    return 0
}
