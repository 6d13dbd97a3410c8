import TermgraphCore
/// CommonMark's raw inline HTML: what counts as a tag (so that only real tags hide the text
/// inside them, and only a real `<a>` tag is an anchor), and autolinks.
enum InlineHTML {
    /// A tag, comment, processing instruction, declaration, CDATA section or autolink starting
    /// at `start` (a `<`): the position after it, or nil when the `<` is a plain character.
    static func end(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ memo: inout SearchMemo) -> Int? {
        guard start + 1 < b.count else { return nil }
        let next = b[start + 1]
        if next == UInt8(ascii: "!") {
            if InlineLinkScanner.matches(b, start, "<!-->") { return start + 5 }
            if InlineLinkScanner.matches(b, start, "<!--->") { return start + 6 }
            if InlineLinkScanner.matches(b, start, "<!--") { return memo.commentEnd.find(b, start + 4).map { $0 + 3 } }
            if InlineLinkScanner.matches(b, start, "<![cdata[") { return memo.cdataEnd.find(b, start + 9).map { $0 + 3 } }
            if start + 2 < b.count && isLetter(b[start + 2]) { return memo.declarationEnd.find(b, start + 2).map { $0 + 1 } }
            return nil
        }
        if next == UInt8(ascii: "?") { return memo.instructionEnd.find(b, start + 2).map { $0 + 2 } }
        if next == UInt8(ascii: "/") { return closingTagEnd(b, start) }
        if let end = autolinkEnd(b, start) { return end }
        return openTag(b, start, &memo)?.end
    }

    /// An open or closing tag (not a comment, declaration or autolink) starting at `start`:
    /// the position after it. An HTML block of kind 7 starts with one.
    static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start + 1 < b.count, b[start] == UInt8(ascii: "<") else { return nil }
        if b[start + 1] == UInt8(ascii: "/") { return closingTagEnd(b, start) }
        var memo = SearchMemo(b)
        return openTag(b, start, &memo)?.end
    }

    /// `<a …>` with an `href`: the raw destination and the position after the tag.
    static func anchorTag(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ memo: inout SearchMemo) -> (href: [UInt8], end: Int)? {
        guard start + 2 < b.count, lower(b[start + 1]) == UInt8(ascii: "a"), !isNameByte(b[start + 2]),
              let tag = openTag(b, start, &memo), let href = tag.href else { return nil }
        return (href, tag.end)
    }

    /// `<a …>` with an `href`, read the forgiving way an HTML parser reads a raw HTML block:
    /// any attribute syntax up to the closing `>` (within a bounded length, to stay linear).
    static func anchorTagInBlock(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ memo: inout SearchMemo) -> (href: [UInt8], end: Int)? {
        guard start + 2 < b.count, lower(b[start + 1]) == UInt8(ascii: "a"),
              b[start + 2] == 0x20 || b[start + 2] == 0x09 || b[start + 2] == 0x0A || b[start + 2] == 0x0D else { return nil }
        let limit = min(b.count, start + maximumTagBytes)
        var i = start + 2
        var href: [UInt8]?
        while i < limit {
            while i < limit && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D || b[i] == UInt8(ascii: "/")) { i += 1 }
            guard i < limit else { return nil }
            if b[i] == UInt8(ascii: ">") { return href.map { ($0, i + 1) } }
            let nameStart = i
            while i < limit, ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "="), UInt8(ascii: ">")].contains(b[i]) { i += 1 }
            let isHref = i - nameStart == 4 && (0..<4).allSatisfy { lower(b[nameStart + $0]) == Array("href".utf8)[$0] }
            var probe = i
            while probe < limit && (b[probe] == 0x20 || b[probe] == 0x09) { probe += 1 }
            guard probe < limit, b[probe] == UInt8(ascii: "=") else { continue }
            i = probe + 1
            while i < limit && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
            guard i < limit else { return nil }
            var value: [UInt8]
            if b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                let quote = b[i]
                let valueStart = i + 1
                i = valueStart
                while i < limit && b[i] != quote { i += 1 }
                guard i < limit else { return nil }
                value = Array(UnsafeBufferPointer(rebasing: b[valueStart..<i]))
                i += 1
            } else {
                let valueStart = i
                while i < limit, ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">")].contains(b[i]) { i += 1 }
                value = Array(UnsafeBufferPointer(rebasing: b[valueStart..<i]))
            }
            if isHref && href == nil { href = value }
        }
        return nil
    }

    static let maximumTagBytes = 4096

    /// An open tag: `<` name, attributes, optional `/`, `>`.
    private static func openTag(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ memo: inout SearchMemo) -> (end: Int, href: [UInt8]?)? {
        var i = start + 1
        guard i < b.count, isLetter(b[i]) else { return nil }
        while i < b.count && (isLetter(b[i]) || isDigit(b[i]) || b[i] == UInt8(ascii: "-")) { i += 1 }
        var href: [UInt8]?
        while true {
            let spaceStart = i
            i = skipWhitespace(b, i)
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: ">") { return (i + 1, href) }
            if b[i] == UInt8(ascii: "/") { return i + 1 < b.count && b[i + 1] == UInt8(ascii: ">") ? (i + 2, href) : nil }
            // An attribute needs white space before it.
            guard i > spaceStart, isAttributeNameStart(b[i]) else { return nil }
            let nameStart = i
            while i < b.count && isAttributeNameByte(b[i]) { i += 1 }
            let isHref = i - nameStart == 4 && (0..<4).allSatisfy { lower(b[nameStart + $0]) == Array("href".utf8)[$0] }
            let afterName = i
            i = skipWhitespace(b, i)
            guard i < b.count, b[i] == UInt8(ascii: "=") else {
                i = afterName
                continue
            }
            i = skipWhitespace(b, i + 1)
            guard i < b.count else { return nil }
            let value: [UInt8]
            if b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                guard let close = b[i] == UInt8(ascii: "\"") ? memo.doubleQuote.find(b, i + 1) : memo.singleQuote.find(b, i + 1) else { return nil }
                value = Array(UnsafeBufferPointer(rebasing: b[(i + 1)..<close]))
                i = close + 1
            } else {
                let valueStart = i
                while i < b.count, !isUnquotedStop(b[i]) { i += 1 }
                guard i > valueStart else { return nil }
                value = Array(UnsafeBufferPointer(rebasing: b[valueStart..<i]))
            }
            if isHref && href == nil { href = value }
        }
    }

    private static func closingTagEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var i = start + 2
        guard i < b.count, isLetter(b[i]) else { return nil }
        while i < b.count && (isLetter(b[i]) || isDigit(b[i]) || b[i] == UInt8(ascii: "-")) { i += 1 }
        i = skipWhitespace(b, i)
        return i < b.count && b[i] == UInt8(ascii: ">") ? i + 1 : nil
    }

    /// `<scheme:…>` or `<user@host>`, which termgraph does not count as links.
    /// Whether an autolink `<scheme:…>` or `<name@host>` starts at `start`.
    static func isAutolink(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        autolinkEnd(b, start) != nil
    }

    private static func autolinkEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var i = start + 1
        let schemeStart = i
        while i < b.count && i - schemeStart <= 32 && (isLetter(b[i]) || (i > schemeStart && (isDigit(b[i]) || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "-")))) { i += 1 }
        if i - schemeStart >= 2, i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            while i < b.count && b[i] > 0x20 && b[i] != UInt8(ascii: "<") && b[i] != UInt8(ascii: ">") { i += 1 }
            return i < b.count && b[i] == UInt8(ascii: ">") ? i + 1 : nil
        }
        // An e-mail autolink: no spaces, one @, ends at >.
        i = start + 1
        var at = false
        while i < b.count && b[i] > 0x20 && b[i] != UInt8(ascii: "<") && b[i] != UInt8(ascii: ">") && b[i] != UInt8(ascii: "\\") {
            if b[i] == UInt8(ascii: "@") { at = true }
            i += 1
        }
        return at && i < b.count && b[i] == UInt8(ascii: ">") ? i + 1 : nil
    }

    /// Spaces, tabs and line ends (a tag may span lines within its paragraph).
    private static func skipWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < b.count && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) { i += 1 }
        return i
    }

    private static func isNameByte(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == UInt8(ascii: "-") }
    private static func isAttributeNameStart(_ c: UInt8) -> Bool { isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") }
    private static func isAttributeNameByte(_ c: UInt8) -> Bool {
        isAttributeNameStart(c) || isDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
    }
    private static func isUnquotedStop(_ c: UInt8) -> Bool {
        c <= 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "=") || c == UInt8(ascii: "<")
            || c == UInt8(ascii: ">") || c == UInt8(ascii: "`")
    }
}
