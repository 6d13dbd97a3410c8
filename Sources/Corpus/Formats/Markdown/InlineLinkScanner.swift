import TermgraphCore


/// Finds the links in one run of inline Markdown: inline and reference links, wikilinks and raw
/// `<a href>` anchors, skipping code spans, escapes, images, autolinks and other raw HTML.
///
/// Brackets are matched the CommonMark way: each `]` closes the nearest open `[`, and once a link
/// is found the brackets before it can no longer start a link (links do not nest).
struct InlineLinkScanner {
    /// A position in a byte buffer with the small parsers link syntax needs.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        private(set) var lastDestinationWasAngled = false

        init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
            self.bytes = bytes
            self.position = position
        }

        var atEnd: Bool { position >= bytes.count }
        var current: UInt8 { bytes[position] }

        /// Spaces, tabs and at most one line end.
        mutating func skipSpaces() {
            var newlines = 0
            while !atEnd {
                let c = current
                if c == 0x0A { newlines += 1; if newlines > 1 { return } } else if c != 0x20 && c != 0x09 && c != 0x0D { return }
                position += 1
            }
        }

        func restIsBlank() -> Bool {
            var i = position
            while i < bytes.count {
                if bytes[i] != 0x20 && bytes[i] != 0x09 && bytes[i] != 0x0D { return false }
                i += 1
            }
            return true
        }

        /// A link destination: `<…>` or a run without spaces whose parentheses balance.
        mutating func destination() -> [UInt8]? {
            lastDestinationWasAngled = false
            guard !atEnd else { return [] }
            if current == UInt8(ascii: "<") {
                var i = position + 1
                while i < bytes.count {
                    let c = bytes[i]
                    if c == UInt8(ascii: ">") {
                        let result = Array(UnsafeBufferPointer(rebasing: bytes[(position + 1)..<i]))
                        position = i + 1
                        lastDestinationWasAngled = true
                        return result
                    }
                    if c == 0x0A || c == UInt8(ascii: "<") { return nil }
                    if c == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                return nil
            }
            var i = position, depth = 0
            while i < bytes.count {
                let c = bytes[i]
                if c <= 0x20 || c == 0x7F { break }
                if c == UInt8(ascii: "\\") && i + 1 < bytes.count && isPunctuation(bytes[i + 1]) { i += 2; continue }
                if c == UInt8(ascii: "(") { depth += 1 } else if c == UInt8(ascii: ")") {
                    if depth == 0 { break }
                    depth -= 1
                }
                i += 1
            }
            guard depth == 0 else { return nil }
            let result = Array(UnsafeBufferPointer(rebasing: bytes[position..<i]))
            position = i
            return result
        }

        /// A link title in `"…"`, `'…'` or `(…)`.
        mutating func title() -> Bool {
            guard !atEnd else { return false }
            let open = current
            let close: UInt8
            switch open {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): close = open
            case UInt8(ascii: "("): close = UInt8(ascii: ")")
            default: return false
            }
            var i = position + 1
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == close { position = i + 1; return true }
                if open == UInt8(ascii: "(") && c == UInt8(ascii: "(") { return false }
                i += 1
            }
            return false
        }
    }

    static let maximumLabelBytes = 4 * 999

    private struct Opener {
        var position: Int
        var isImage: Bool
        /// Whether another bracket stands between this one and its `]`: such text can never be
        /// a link label, so it is never looked up (which keeps deep nesting linear).
        var holdsBracket = false
    }

    /// Scans `run` and appends what it finds to `links`; `vault` (nil outside a vault) carries
    /// the vault syntax's state from the runs before; `cover` (nil without `link_patterns`) is
    /// told where code, comments and links stand.
    static func scan(_ run: MarkdownBlocks.TextRun, definitions: [String: String], vault: inout VaultSyntax?,
                     cover: inout LinkCover?, into links: inout [Link]) {
        run.bytes.withUnsafeBufferPointer { bytes in
            if run.isHTML {
                guard let first = start(bytes, &vault) else { cover?.add(0, bytes.count); return }
                cover?.add(0, first)
                scanHTMLAnchors(bytes, first, bytes.count, run, &vault, &cover, into: &links)
            } else {
                scanInline(bytes, run, definitions, &vault, &cover, into: &links)
            }
        }
    }

    /// Where scanning a run starts: past the end of a comment left open by the runs before it
    /// (nil: the whole run is inside it).
    private static func start(_ b: UnsafeBufferPointer<UInt8>, _ vault: inout VaultSyntax?) -> Int? {
        guard vault?.inComment == true else { return 0 }
        guard let end = VaultSyntax.commentEnd(b, from: 0) else { return nil }
        vault?.inComment = false
        return end
    }

    /// Past the `%%` comment opening at `i`; one left open runs to the end of the run, and on.
    private static func skipComment(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ vault: inout VaultSyntax?) -> Int {
        if let end = VaultSyntax.commentEnd(b, from: i + 2) { return end }
        vault?.inComment = true
        return b.count
    }

    private static func scanInline(_ b: UnsafeBufferPointer<UInt8>, _ run: MarkdownBlocks.TextRun,
                                   _ definitions: [String: String], _ vault: inout VaultSyntax?, _ cover: inout LinkCover?,
                                   into links: inout [Link]) {
        guard let first = start(b, &vault) else { cover?.add(0, b.count); return }
        cover?.add(0, first)
        let isVault = vault != nil
        let inTable = isVault && run.isTableCell
        var memo = SearchMemo(b)
        var openers: [Opener] = []
        // Where each link of this run starts, to drop the ones an image's description swallows.
        var starts: [Int] = []
        let firstLink = links.count
        // Openers below this index can no longer start a link (a link was found after them);
        // a watermark instead of a sweep keeps "many brackets, many links" linear.
        var inactiveBelow = 0
        var i = first
        let n = b.count
        while i < n {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\\"):
                i += (i + 1 < n && isPunctuation(b[i + 1])) ? 2 : 1
            case UInt8(ascii: "%") where isVault && i + 1 < n && b[i + 1] == UInt8(ascii: "%"):
                let end = skipComment(b, i, &vault)
                cover?.add(i, end)
                i = end
            case UInt8(ascii: "`"):
                let end = memo.skipCodeSpan(i)
                cover?.add(i, end)
                i = end
            case UInt8(ascii: "<"):
                if let (link, next) = htmlAnchor(b, i, run, forgiving: false, &memo) {
                    links.append(link)
                    starts.append(i)
                    if cover != nil { cover?.add(i, memo.anchorClose.find(b, next) ?? n) }
                    i = next
                } else {
                    let end = skipAngle(b, i, &memo)
                    if cover != nil, matches(b, i, "<!--") || InlineHTML.isAutolink(b, i) { cover?.add(i, end) }
                    // A processing instruction or CDATA section runs to `?>` or `]]>` for CommonMark,
                    // but a browser ends it at its first `>`: anchors after that are real.
                    if end > i + 2, b[i + 1] == UInt8(ascii: "?") || matches(b, i, "<![cdata["),
                       let close = memo.declarationEnd.find(b, i + 2), close + 1 < end {
                        let before = links.count
                        var outsideVault: VaultSyntax?
                        scanHTMLAnchors(b, close + 1, end, run, &outsideVault, &cover, into: &links)
                        starts.append(contentsOf: repeatElement(i, count: links.count - before))
                    }
                    i = end
                }
            case UInt8(ascii: "!") where i + 1 < n && b[i + 1] == UInt8(ascii: "["):
                if isVault, i + 2 < n, b[i + 2] == UInt8(ascii: "["),
                   let (link, next) = wikilink(b, i + 1, run, kind: .embed, vault: true, inTable: inTable) {
                    links.append(link)
                    cover?.add(i, next)
                    starts.append(i + 1)
                    inactiveBelow = openers.count
                    i = next
                    continue
                }
                if !openers.isEmpty { openers[openers.count - 1].holdsBracket = true }
                openers.append(Opener(position: i + 1, isImage: true))
                i += 2
            case UInt8(ascii: "["):
                if i + 1 < n && b[i + 1] == UInt8(ascii: "["),
                   let (link, next) = wikilink(b, i, run, vault: isVault, inTable: inTable) {
                    // Not a CommonMark link, so the brackets around it may still make one.
                    links.append(link)
                    cover?.addWikilink(i, next)
                    starts.append(i)
                    i = next
                } else {
                    if !openers.isEmpty { openers[openers.count - 1].holdsBracket = true }
                    openers.append(Opener(position: i, isImage: false))
                    i += 1
                }
            case UInt8(ascii: "]"):
                guard let opener = openers.popLast() else { i += 1; continue }
                if !openers.isEmpty { openers[openers.count - 1].holdsBracket = true }
                let deactivated = !opener.isImage && openers.count < inactiveBelow
                inactiveBelow = min(inactiveBelow, openers.count)
                guard !deactivated else { i += 1; continue }
                if let (target, kind, next) = linkAfterBracket(b, opener.position, i, definitions, textIsLabel: !opener.holdsBracket, &memo) {
                    cover?.add(opener.position, next)
                    if opener.isImage {
                        // An image's description is its alt text: links inside it are not links.
                        while let last = starts.last, last > opener.position {
                            starts.removeLast()
                            links.remove(at: firstLink + starts.count)
                        }
                    }
                    // In a vault an image is an embed: a link to what it shows (§1a).
                    if !opener.isImage || isVault {
                        let text = anchorText(UnsafeBufferPointer(rebasing: b[(opener.position + 1)..<i]))
                        links.append(Link(target: target, text: text, line: run.line(at: opener.position), kind: opener.isImage ? .embed : kind))
                        starts.append(opener.position)
                        if !opener.isImage { inactiveBelow = openers.count }
                    }
                    i = next
                } else {
                    i += 1
                }
            default:
                i += 1
            }
        }
    }

    /// After the `]` at `close` matching `[` at `open`: an inline destination, a full or collapsed
    /// reference, or a shortcut reference, in CommonMark's order of preference.
    private static func linkAfterBracket(_ b: UnsafeBufferPointer<UInt8>, _ open: Int, _ close: Int,
                                         _ definitions: [String: String], textIsLabel: Bool,
                                         _ memo: inout SearchMemo) -> (String, Link.Kind, Int)? {
        let after = close + 1
        if after < b.count && b[after] == UInt8(ascii: "(") {
            var cursor = Cursor(bytes: b, position: after + 1)
            cursor.skipSpaces()
            if let destination = memo.destination(at: &cursor) {
                let end = cursor.position
                cursor.skipSpaces()
                if !cursor.atEnd && cursor.current != UInt8(ascii: ")") && cursor.position > end {
                    _ = memo.title(at: &cursor)
                    cursor.skipSpaces()
                }
                if !cursor.atEnd && cursor.current == UInt8(ascii: ")") {
                    return (decode(destination), .inline, cursor.position + 1)
                }
            }
        }
        // CommonMark labels hold at most 999 characters; the bound also keeps deeply nested
        // brackets from costing the square of their depth.
        guard !definitions.isEmpty, close - open <= maximumLabelBytes else { return nil }
        let text = UnsafeBufferPointer(rebasing: b[(open + 1)..<close])
        if after < b.count && b[after] == UInt8(ascii: "[") {
            var j = after + 1
            while j < b.count && b[j] != UInt8(ascii: "]") && b[j] != UInt8(ascii: "[") {
                if b[j] == UInt8(ascii: "\\") { j += 1 }
                j += 1
            }
            if j < b.count && b[j] == UInt8(ascii: "]") && j - after <= maximumLabelBytes {
                let collapsed = j == after + 1
                guard textIsLabel || !collapsed else { return nil }
                let label = collapsed ? Array(text) : Array(UnsafeBufferPointer(rebasing: b[(after + 1)..<j]))
                if let target = definitions[normalizeLabel(label)] { return (target, .reference, j + 1) }
                return nil
            }
        }
        // Text with brackets inside is no label (CommonMark), so it is never looked up.
        guard textIsLabel else { return nil }
        if let target = definitions[normalizeLabel(Array(text))] { return (target, .reference, after) }
        return nil
    }

    /// `[[target]]`, `[[target|text]]`, `[[target#heading|text]]` on one line. In a vault (§1a)
    /// `[[]]` is a link too (to the note itself), and `\|` is the separator in a table row and an
    /// escaped `|` elsewhere.
    private static func wikilink(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ run: MarkdownBlocks.TextRun,
                                 kind: Link.Kind = .wikilink, vault: Bool, inTable: Bool) -> (Link, Int)? {
        var i = start + 2, pipe = -1, targetEnd = -1
        while i + 1 < b.count {
            let c = b[i]
            if c == 0x0A || c == UInt8(ascii: "[") { return nil }
            if c == UInt8(ascii: "]") {
                guard b[i + 1] == UInt8(ascii: "]") else { return nil }
                break
            }
            if c == UInt8(ascii: "|") && pipe < 0 {
                let escaped = vault && i - 1 >= start + 2 && b[i - 1] == UInt8(ascii: "\\")
                if !escaped || inTable {
                    pipe = i
                    targetEnd = escaped ? i - 1 : i
                }
            }
            i += 1
        }
        guard i + 1 < b.count, b[i] == UInt8(ascii: "]") else { return nil }
        // `[[1]](/ref)` is an inline link whose text is `[1]`, not a wikilink.
        if i + 2 < b.count && (b[i + 2] == UInt8(ascii: "(") || b[i + 2] == UInt8(ascii: "[")) { return nil }
        if targetEnd < 0 { targetEnd = i }
        var target = String(decoding: UnsafeBufferPointer(rebasing: b[(start + 2)..<targetEnd]), as: UTF8.self).trimmingSpaces
        if vault && target.contains("\\|") { target = target.replacing("\\|", with: "|") }
        guard !target.isEmpty || vault else { return nil }
        var text: String
        if pipe >= 0 {
            text = anchorText(UnsafeBufferPointer(rebasing: b[(pipe + 1)..<i]))
        } else {
            text = target
            if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        }
        return (Link(target: target, text: text, line: run.line(at: start), kind: kind), i + 2)
    }

    // MARK: Raw HTML

    /// The anchors of a raw HTML block between `from` and `to`, read as an HTML tokenizer reads
    /// it: comments, declarations (`<!…>`, CDATA included), processing instructions and the
    /// insides of other tags hold none; in a vault, neither do `%%comments%%`.
    private static func scanHTMLAnchors(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ run: MarkdownBlocks.TextRun,
                                        _ vault: inout VaultSyntax?, _ cover: inout LinkCover?, into links: inout [Link]) {
        var memo = SearchMemo(b)
        var i = from
        while i < to {
            if vault != nil && b[i] == UInt8(ascii: "%") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "%") {
                let end = skipComment(b, i, &vault)
                cover?.add(i, end)
                i = end
                continue
            }
            guard b[i] == UInt8(ascii: "<"), i + 1 < b.count else { i += 1; continue }
            let next = b[i + 1]
            if let (link, after) = htmlAnchor(b, i, run, forgiving: true, &memo) {
                links.append(link)
                if cover != nil { cover?.add(i, memo.anchorClose.find(b, after) ?? to) }
                i = after
            } else if matches(b, i, "<!--") {
                let end = memo.commentEnd.find(b, i + 4).map { $0 + 3 } ?? b.count
                cover?.add(i, end)
                i = end
            } else if let name = rawTextElement(b, i) {
                // <script>, <style> and <textarea> hold text, not markup: no anchor inside.
                i = rawTextEnd(b, i + 1, name)
            } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || isLetter(next)
                        || (next == UInt8(ascii: "/") && i + 2 < b.count && isLetter(b[i + 2])) {
                // Up to the first `>`; an unclosed one runs to the end, as in a browser.
                i = memo.declarationEnd.find(b, i + 1).map { $0 + 1 } ?? b.count
            } else {
                i += 1
            }
        }
    }

    private static func rawTextElement(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> StaticString? {
        for name: StaticString in ["<script", "<style", "<textarea"] where matches(b, start, name) {
            let after = start + name.utf8CodeUnitCount
            if after == b.count || [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(b[after]) {
                return name
            }
        }
        return nil
    }

    /// Past the `</name` that closes a raw text element, or the end of the run (an unclosed one
    /// runs to the end, which also keeps many of them linear).
    private static func rawTextEnd(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ name: StaticString) -> Int {
        let count = name.utf8CodeUnitCount, base = name.utf8Start  // "<name": the name from base[1]
        var i = from
        while i + count < b.count {
            if b[i] == UInt8(ascii: "<") && b[i + 1] == UInt8(ascii: "/")
                && (1..<count).allSatisfy({ lower(b[i + 1 + $0]) == base[$0] }) { return i + 1 + count }
            i += 1
        }
        return b.count
    }

    /// `<a … href="…" …>text</a>`, a tag by CommonMark's grammar; the anchor counts even when
    /// the closing tag is missing.
    /// `forgiving`: read as an HTML parser reads raw HTML, not by CommonMark's tag grammar.
    private static func htmlAnchor(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ run: MarkdownBlocks.TextRun,
                                   forgiving: Bool, _ memo: inout SearchMemo) -> (Link, Int)? {
        let tag = forgiving ? InlineHTML.anchorTagInBlock(b, start, &memo) : InlineHTML.anchorTag(b, start, &memo)
        guard let (href, contentStart) = tag else { return nil }
        let close = memo.anchorClose.find(b, contentStart)
        let content = UnsafeBufferPointer(rebasing: b[contentStart..<(close ?? contentStart)])
        let text = anchorText(stripTags(content))
        // Scanning goes on inside the anchor: Markdown links and other tags there still count.
        return (Link(target: decodeEntities(href), text: text, line: run.line(at: start), kind: .html), contentStart)
    }

    /// Past a real tag, comment or autolink, so that nothing inside it reads as a link;
    /// a `<` that starts none of these is a plain character.
    private static func skipAngle(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ memo: inout SearchMemo) -> Int {
        InlineHTML.end(b, start, &memo) ?? start + 1
    }

    // MARK: Text

    /// Link labels match case-insensitively with runs of white space as one space.
    static func normalizeLabel(_ label: [UInt8]) -> String {
        let text = String(decoding: label, as: UTF8.self)
        return TermKey.normalize(text.collapsingWhitespace)
    }

    /// A destination with backslash escapes and character references decoded.
    static func decode(_ bytes: [UInt8]) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) || bytes.contains(UInt8(ascii: "&")) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") && i + 1 < bytes.count && isPunctuation(bytes[i + 1]) {
                out.append(bytes[i + 1])
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return decodeEntities(out)
    }

    /// `&amp;`, `&#38;`, `&#x26;` and every other HTML5 character reference.
    static func decodeEntities(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(32).firstIndex(of: ";") {
                let name = after[..<semi]
                let replacement = name.hasPrefix("#") ? numericReference(name.dropFirst()) : htmlNamedEntities[String(name)]
                if let replacement {
                    result += replacement
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }

    /// `#38` or `#x26` (after the `&`, before the `;`) as CommonMark reads it: 1–7 decimal or
    /// 1–6 hex digits, nothing else (no sign); a code point that is no character (0, a
    /// surrogate, past U+10FFFF) is U+FFFD. Left undecoded, `&#1114112;` began a `#fragment`.
    static func numericReference(_ digits: Substring) -> String? {
        let hex = digits.first == "x" || digits.first == "X"
        let number = hex ? digits.dropFirst() : digits
        guard !number.isEmpty, number.count <= (hex ? 6 : 7),
              number.allSatisfy({ hex ? $0.isHexDigit : ("0"..."9").contains($0) }),
              let value = UInt32(number, radix: hex ? 16 : 10) else { return nil }
        return String(value == 0 ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}")
    }

    /// The visible text of a link: escapes removed, character references decoded, control
    /// characters dropped, white space collapsed.
    static func anchorText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var pendingSpace = false
        while i < bytes.count {
            var c = bytes[i]
            if c == UInt8(ascii: "\\") && i + 1 < bytes.count && isPunctuation(bytes[i + 1]) {
                i += 1
                c = bytes[i]
            } else if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                pendingSpace = !out.isEmpty
                i += 1
                continue
            } else if c < 0x20 || c == 0x7F {
                i += 1
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(c)
            i += 1
        }
        return out.contains(UInt8(ascii: "&")) ? decodeEntities(out) : String(decoding: out, as: UTF8.self)
    }

    private static func anchorText(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { anchorText($0) }
    }

    private static func stripTags(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var inTag = false
        for c in bytes {
            if c == UInt8(ascii: "<") { inTag = true } else if c == UInt8(ascii: ">") && inTag { inTag = false } else if !inTag { out.append(c) }
        }
        return out
    }

    static func matches(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard at + count <= b.count else { return false }
        let base = needle.utf8Start
        for k in 0..<count where lower(b[at + k]) != base[k] { return false }
        return true
    }
}

/// ASCII punctuation, the characters a backslash can escape.
@inline(__always) func isPunctuation(_ c: UInt8) -> Bool {
    (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
}
