import TermgraphKit

/// The invariants every scan must keep, whatever the bytes. A broken one is a bug in the scanner:
/// `fatalError` turns it into a crash that libFuzzer saves as `crash-…`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLinkScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)

    let links = LinkScanner.links(in: input, firstLine: 1)

    // Lines are 1-based and inside the input: one more line than there are line feeds, at most.
    var lineFeeds = 0
    for byte in input where byte == 0x0A { lineFeeds += 1 }
    let lastLine = lineFeeds + 1
    var previousLine = 1
    for (index, link) in links.enumerated() {
        guard (1...lastLine).contains(link.line) else {
            fatalError("link \(index) \(link) has line \(link.line), outside 1...\(lastLine)")
        }
        // Reading order: the scanner sorts by line.
        guard link.line >= previousLine else {
            fatalError("link \(index) \(link) on line \(link.line) comes after a link on line \(previousLine)")
        }
        previousLine = link.line
        if link.kind == .wikilink {
            // A wikilink sits on one line and has a target. (Without a `|`, its text is the target
            // as written, trimmed but not collapsed: `[[a\tb]]` has the text "a\tb".)
            if link.target.isEmpty || link.target.utf8.contains(0x0A) || link.text.utf8.contains(0x0A) {
                fatalError("wikilink \(index) \(link) has an empty or multi-line target or text")
            }
        } else if link.text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
            || link.text.utf8.first == 0x20 || link.text.utf8.last == 0x20 {
            // Anchor text has its white space collapsed: no line breaks or tabs, no space at either end.
            fatalError("link \(index) \(link) has uncollapsed white space in its text \(Array(link.text.utf8))")
        }
    }
    // Each link is made of at least three bytes (`[[x]]`, `[x]`+definition, `<a href>` …).
    guard links.count <= size / 3 + 1 else {
        fatalError("\(links.count) links found in \(size) bytes")
    }

    // The same bytes give the same links, also from another address.
    let copy = Array(input)
    let again = copy.withUnsafeBufferPointer { LinkScanner.links(in: $0, firstLine: 1) }
    guard again == links else {
        fatalError("scanning the same bytes twice differs:\n\(links)\n\(again)")
    }

    // `firstLine` only shifts the line numbers.
    let shift = 40
    let shifted = copy.withUnsafeBufferPointer { LinkScanner.links(in: $0, firstLine: 1 + shift) }
    let expected = links.map { Link(target: $0.target, text: $0.text, line: $0.line + shift, kind: $0.kind) }
    guard shifted == expected else {
        fatalError("firstLine: \(1 + shift) does more than shift the lines:\n\(expected)\n\(shifted)")
    }
    return 0
}
