import TermgraphCore
/// The shapes of line that start or end a CommonMark block, read from the line's first byte
/// that is no white space (`MarkdownLine.nextNonspace`) to its end.
enum MarkdownBlockStarts {
    /// How a raw HTML block ends: at a line that holds one of the markers (kinds 1–5), or
    /// before a blank line (kinds 6 and 7).
    enum HTMLEnd: Equatable {
        case rawText  // kind 1: </script>, </pre>, </style> or </textarea>
        case marker(StaticString)
        case blankLine

        static func == (a: HTMLEnd, b: HTMLEnd) -> Bool {
            switch (a, b) {
            case (.rawText, .rawText), (.blankLine, .blankLine): return true
            case (.marker(let x), .marker(let y)): return x.utf8Start == y.utf8Start
            default: return false
            }
        }
    }

    static func runLength(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end && b[i] == b[start] { i += 1 }
        return i - start
    }

    static func restIsBlank(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
        return i >= end
    }

    /// An opening code fence: its marker and length.
    static func openingFence(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (marker: UInt8, length: Int)? {
        guard start < end, b[start] == UInt8(ascii: "`") || b[start] == UInt8(ascii: "~") else { return nil }
        let length = runLength(b, start, end)
        guard length >= 3 else { return nil }
        // A backtick fence's info string holds no backtick (it would be a code span).
        if b[start] == UInt8(ascii: "`") {
            for i in (start + length)..<end where b[i] == UInt8(ascii: "`") { return nil }
        }
        return (b[start], length)
    }

    static func isClosingFence(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, marker: UInt8, length: Int) -> Bool {
        guard start < end, b[start] == marker else { return false }
        let run = runLength(b, start, end)
        return run >= length && restIsBlank(b, start + run, end)
    }

    static func isThematicBreak(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        let marker = b[start]
        guard marker == UInt8(ascii: "-") || marker == UInt8(ascii: "*") || marker == UInt8(ascii: "_") else { return false }
        var count = 0
        for i in start..<end {
            if b[i] == marker { count += 1 } else if b[i] != 0x20 && b[i] != 0x09 { return false }
        }
        return count >= 3
    }

    static func isSetextUnderline(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end, b[start] == UInt8(ascii: "=") || b[start] == UInt8(ascii: "-") else { return false }
        return restIsBlank(b, start + runLength(b, start, end), end)
    }

    /// An ATX heading: the range of its text, without the closing sequence of `#`.
    static func atxHeading(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int>? {
        guard start < end, b[start] == UInt8(ascii: "#") else { return nil }
        let level = runLength(b, start, end)
        guard level <= 6 else { return nil }
        let after = start + level
        guard after == end || b[after] == 0x20 || b[after] == 0x09 else { return nil }
        var stop = end
        while stop > after && (b[stop - 1] == 0x20 || b[stop - 1] == 0x09) { stop -= 1 }
        var hashes = stop
        while hashes > after && b[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
        if hashes < stop && (hashes == after || b[hashes - 1] == 0x20 || b[hashes - 1] == 0x09) { stop = hashes }
        return after..<max(after, stop)
    }

    /// A list marker (`-`, `+`, `*`, or up to nine digits and `.` or `)`): its width and
    /// whether it is an ordered marker other than 1, which may not interrupt a paragraph.
    static func listMarker(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (width: Int, orderedNotOne: Bool)? {
        guard start < end else { return nil }
        var i = start
        var value = 0
        let c = b[i]
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") {
            i += 1
        } else {
            while i < end && i - start < 9 && isDigit(b[i]) {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
            }
            guard i > start, i < end, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ")") else { return nil }
            i += 1
        }
        guard i == end || b[i] == 0x20 || b[i] == 0x09 else { return nil }
        return (i - start, i - start > 1 && value != 1)
    }

    // MARK: HTML blocks

    /// Tags of kind 6 (CommonMark 0.31.2).
    private static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ]
    private static let rawTextTags: Set<String> = ["script", "pre", "style", "textarea"]

    /// The start of a raw HTML block, of the kinds that may interrupt a paragraph unless
    /// `canInterrupt` is false (then kind 7 as well).
    static func htmlBlock(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, inParagraph: Bool) -> HTMLEnd? {
        guard end - start >= 2, b[start] == UInt8(ascii: "<") else { return nil }
        let next = b[start + 1]
        if next == UInt8(ascii: "!") {
            if InlineLinkScanner.matches(b, start, "<!--") { return .marker("-->") }
            if InlineLinkScanner.matches(b, start, "<![cdata[") { return .marker("]]>") }
            if start + 2 < end, isLetter(b[start + 2]) { return .marker(">") }
            return nil
        }
        if next == UInt8(ascii: "?") { return .marker("?>") }
        let closing = next == UInt8(ascii: "/")
        var i = start + (closing ? 2 : 1)
        let nameStart = i
        while i < end && (isLetter(b[i]) || (i > nameStart && (isDigit(b[i]) || b[i] == UInt8(ascii: "-")))) { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<i]).map(lower), as: UTF8.self)
        let boundary = i == end || b[i] == 0x20 || b[i] == 0x09 || b[i] == UInt8(ascii: ">")
        if !closing && boundary && rawTextTags.contains(name) { return .rawText }
        if blockTags.contains(name) && (boundary || (i + 1 < end && b[i] == UInt8(ascii: "/") && b[i + 1] == UInt8(ascii: ">"))) {
            return .blankLine
        }
        // Kind 7: one complete open or closing tag, alone on its line (a closing `</pre>` too,
        // as cmark and markdown-it read the spec).
        guard !inParagraph, closing || !rawTextTags.contains(name) else { return nil }
        let line = UnsafeBufferPointer(rebasing: b[start..<end])
        guard let tagEnd = InlineHTML.tagEnd(line, 0), restIsBlank(line, tagEnd, line.count) else { return nil }
        return .blankLine
    }

    /// Whether the line `start..<end` ends an HTML block of kind 1–5.
    static func endsHTML(_ end: HTMLEnd, _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int) -> Bool {
        switch end {
        case .blankLine: return false
        case .marker(let marker): return contains(b, start, stop, marker)
        case .rawText:
            return contains(b, start, stop, "</script>") || contains(b, start, stop, "</pre>")
                || contains(b, start, stop, "</style>") || contains(b, start, stop, "</textarea>")
        }
    }

    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ needle: StaticString) -> Bool {
        var i = start
        while i + needle.utf8CodeUnitCount <= end {
            if InlineLinkScanner.matches(b, i, needle) { return true }
            i += 1
        }
        return false
    }
}
