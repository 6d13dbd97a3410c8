import TermgraphCore
/// The anchors of a Markdown article (§1d `fragments: check`): each heading's GitHub id (or its
/// `{#id}`) and its text, the `id`s and `<a name>`s of its raw HTML, the ids `fragment_patterns`
/// find in the body, and in a vault the `^block` ids that end a line. Headings inside code are
/// no headings, so they give none.
enum MarkdownAnchors {
    static func of(_ blocks: MarkdownBlocks, body: UnsafeBufferPointer<UInt8>, vault: Bool, patterns: FragmentPatterns) -> AnchorSet {
        var names: [String] = []
        var slugger = HeadingSlugger()
        for run in blocks.runs {
            if run.isHeading {
                let heading = HeadingText(run.bytes, definitions: blocks.definitions)
                // A heading with its own id takes no generated one, nor a number among repeats
                // (as markdown-it-anchor leaves a heading that already has an id).
                let generated = heading.explicitID == nil ? slugger.slug(heading.text) : nil
                names.append(heading.explicitID ?? generated!)
                names.append(heading.text.collapsingWhiteSpace)
                if vault {
                    let raw = String(decoding: run.bytes, as: UTF8.self)
                    names.append(raw.collapsingWhiteSpace)
                    names.append(linkableHeading(raw))
                }
            }
            run.bytes.withUnsafeBufferPointer { bytes in
                names += HTMLIDs.ids(in: bytes, skippingCodeSpans: !run.isHTML)
                if vault && !run.isHTML { names += blockIDs(in: bytes) }
            }
        }
        names += patterns.ids(in: String(decoding: body, as: UTF8.self))
        return AnchorSet(names)
    }

    /// A heading as a vault app writes it in a link: the characters a link cannot hold (`#`,
    /// `|`, `^`, `:`, `%%`, `[[`, `]]`) made spaces, white space collapsed — so
    /// `## Appendix: Changes` is reached by `[[Note#Appendix Changes]]`.
    static func linkableHeading(_ raw: String) -> String {
        var text = raw
        for cut in ["%%", "[[", "]]"] { text = text.replacing(cut, with: " ") }
        return String(text.map { "#|^:".contains($0) ? " " : $0 }).collapsingWhiteSpace
    }

    /// `^id` (letters, digits, `-`) at the end of a line, after a space or alone on it: a
    /// vault's block id, named `^id` as a link writes it (`[[Note#^id]]`).
    static func blockIDs(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var ids: [String] = []
        var lineEnd = 0
        while lineEnd <= bytes.count {
            var end = lineEnd
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var stop = end
            while stop > lineEnd && (bytes[stop - 1] == 0x20 || bytes[stop - 1] == 0x09) { stop -= 1 }
            var start = stop
            while start > lineEnd && (isLetter(bytes[start - 1]) || isDigit(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "-")) { start -= 1 }
            if start < stop, start > lineEnd, bytes[start - 1] == UInt8(ascii: "^"),
               start - 1 == lineEnd || bytes[start - 2] == 0x20 || bytes[start - 2] == 0x09 {
                ids.append("^" + String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self))
            }
            lineEnd = end + 1
        }
        return ids
    }
}
