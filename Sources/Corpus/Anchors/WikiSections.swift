import TermgraphCore

/// The anchors of a MediaWiki page (§1c with `fragments: check`): its section headings
/// (`== Section ==`), each as written and with its spaces as `_` (MediaWiki's anchors hold `_`
/// where the title has spaces, and a link may write either), and the `id`s of its raw HTML.
/// A heading's markup is read simply: `''`/`'''` dropped, `[[T|text]]` as its text.
enum WikiSections {
    static func anchors(in text: UnsafeBufferPointer<UInt8>) -> AnchorSet {
        var names = HTMLIDs.ids(in: text, skippingCodeSpans: false)
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != 0x0A { end += 1 }
            if text[start] == UInt8(ascii: "="), let title = heading(text, start, end) {
                names.append(title)
                names.append(title.replacing(" ", with: "_"))
            }
            start = end + 1
        }
        return AnchorSet(names)
    }

    /// The title of a heading line `=… title …=`, at the lesser of its two levels.
    private static func heading(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        var stop = end
        while stop > start && (b[stop - 1] == 0x20 || b[stop - 1] == 0x09 || b[stop - 1] == 0x0D) { stop -= 1 }
        var open = 0, close = 0
        while start + open < stop && b[start + open] == UInt8(ascii: "=") { open += 1 }
        while stop - close > start + open && b[stop - close - 1] == UInt8(ascii: "=") { close += 1 }
        let level = min(open, close, 6)
        guard level >= 1, stop - start > 2 * level else { return nil }
        var title = String(decoding: UnsafeBufferPointer(rebasing: b[(start + level)..<(stop - level)]), as: UTF8.self)
        title = title.replacing("'''", with: "").replacing("''", with: "")
        title = plainLinks(title)
        let trimmed = title.collapsingWhiteSpace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `[[T|text]]` as `text`, `[[T]]` as `T`.
    private static func plainLinks(_ text: String) -> String {
        guard text.contains("[[") else { return text }
        var out = "", rest = Substring(text)
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            out += rest[..<open.lowerBound]
            let inside = rest[open.upperBound..<close.lowerBound]
            out += inside.split(separator: "|", omittingEmptySubsequences: false).last ?? inside
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
