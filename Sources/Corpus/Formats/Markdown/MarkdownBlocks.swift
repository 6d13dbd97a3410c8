import TermgraphCore
/// Splits a Markdown body into the runs of text where links can stand, following CommonMark's
/// block structure closely enough that code, raw HTML blocks and link definitions are never
/// mistaken for links.
///
/// The result feeds `InlineLinkScanner`: paragraphs and headings (with container markers such as
/// `>` removed), the raw HTML blocks (scanned for `<a href>` only) and the link reference definitions.
struct MarkdownBlocks {
    /// One run of inline text: its bytes and, for each byte, nothing more than the line it came from.
    struct TextRun {
        var bytes: [UInt8] = []
        /// `lineStarts[k]` is the offset in `bytes` where the k-th line of the run begins.
        var lineStarts: [Int] = []
        var firstLine = 0
        var isHTML = false

        func line(at offset: Int) -> Int {
            var low = 0, high = lineStarts.count
            while low + 1 < high {
                let mid = (low + high) / 2
                if lineStarts[mid] <= offset { low = mid } else { high = mid }
            }
            return firstLine + low
        }
    }

    private(set) var runs: [TextRun] = []
    /// Normalised label → destination; the first definition of a label wins.
    private(set) var definitions: [String: String] = [:]

    private enum HTMLBlockEnd {
        case text([UInt8])
        case blankLine
    }

    private var paragraph = TextRun()
    private var paragraphOpen: Bool { !paragraph.lineStarts.isEmpty }
    /// The open fenced code block, with the containers it stands in: it ends with them.
    private var fence: (marker: UInt8, length: Int, quoteDepth: Int, listIndent: Int)?
    private var html: (end: HTMLBlockEnd, quoteDepth: Int, listIndent: Int, rawText: Bool)?
    private var htmlRun = TextRun()
    /// `[label]:` alone on its line, waiting for its destination on the next line.
    private var pendingDefinition: (label: [UInt8], start: Int, end: Int, line: Int)?
    /// Content columns of the open list items, innermost last.
    private var listIndents: [Int] = []

    init(_ body: UnsafeBufferPointer<UInt8>, firstLine: Int) {
        var start = 0
        var lineNumber = firstLine
        while start < body.count {
            var end = start
            while end < body.count && body[end] != 0x0A { end += 1 }
            processLine(body, start, end, lineNumber)
            start = end + 1
            lineNumber += 1
        }
        flushPendingDefinition(body)
        closeParagraph()
        closeHTML()
    }

    private mutating func processLine(_ body: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ lineEnd: Int, _ lineNumber: Int) {
        var i = lineStart
        var quoteDepth = 0
        // Block quote markers: `>` with up to three spaces before it and an optional space after.
        while true {
            var j = i, spaces = 0
            while j < lineEnd && body[j] == 0x20 && spaces < 3 { j += 1; spaces += 1 }
            guard j < lineEnd && body[j] == UInt8(ascii: ">") else { break }
            j += 1
            if j < lineEnd && body[j] == 0x20 { j += 1 }
            i = j
            quoteDepth += 1
        }
        let (indent, contentStart) = measureIndent(body, i, lineEnd)
        let blank = contentStart == lineEnd

        // Code and raw HTML end with their fence or marker, or when their container ends.
        if let open = fence {
            if quoteDepth >= open.quoteDepth && (blank || indent >= open.listIndent) {
                if !blank && indent - open.listIndent < 4,
                   isFence(body, contentStart, lineEnd, closing: (open.marker, open.length)) {
                    fence = nil
                }
                return
            }
            fence = nil
        }
        if let open = html {
            if quoteDepth >= open.quoteDepth && (blank || indent >= open.listIndent) {
                Self.appendLine(body, i, lineEnd, lineNumber, to: &htmlRun)
                switch open.end {
                case .blankLine:
                    if blank { closeHTML() }
                case .text(let marker):
                    if contains(body, i, lineEnd, marker) { closeHTML() }
                }
                return
            }
            closeHTML()
        }
        if let pending = pendingDefinition {
            pendingDefinition = nil
            if !blank, let destination = definitionDestination(body, contentStart, lineEnd) {
                define(pending.label, destination)
                return
            }
            Self.appendLine(body, pending.start, pending.end, pending.line, to: &paragraph)
        }
        if blank {
            closeParagraph()
            return
        }

        // Leaving list items whose content column the line no longer reaches (a paragraph's lazy
        // continuation lines stay inside).
        let startsBlock = startsNewBlock(body, contentStart, lineEnd, indent: indent)
        if !paragraphOpen || startsBlock {
            while let last = listIndents.last, indent < last { listIndents.removeLast() }
        }
        let base = listIndents.last ?? 0
        if indent - base >= 4 && !paragraphOpen { return }  // indented code

        var content = contentStart
        var contentIndent = indent
        // List markers open a new item; its content may itself start a block.
        while let (width, next) = listMarker(body, content, lineEnd), contentIndent - base < 4 {
            closeParagraph()
            let (afterIndent, afterStart) = measureIndent(body, next, lineEnd)
            let gap = afterIndent - (contentIndent + width)
            let itemIndent = (afterStart == lineEnd || gap > 4) ? contentIndent + width + 1 : afterIndent
            listIndents.append(itemIndent)
            content = afterStart
            contentIndent = afterIndent
            if afterStart == lineEnd { return }
            if gap > 4 { return }  // the item starts with indented code
        }

        if contentIndent - (listIndents.last ?? 0) < 4 {
            if isFence(body, content, lineEnd, closing: nil) {
                closeParagraph()
                fence = (body[content], countRun(body, content, lineEnd), quoteDepth, listIndents.last ?? 0)
                return
            }
            if let end = htmlBlockStart(body, content, lineEnd, canInterrupt: !paragraphOpen) {
                closeParagraph()
                Self.appendLine(body, i, lineEnd, lineNumber, to: &htmlRun)
                htmlRun.isHTML = true
                // <script>, <style> and <textarea> hold no markup: nothing in them is an anchor.
                var rawText = false
                if case .text(let marker) = end { rawText = marker.count > 3 && marker != Array("</pre>".utf8) }
                html = (end, quoteDepth, listIndents.last ?? 0, rawText)
                if case .text(let marker) = end, contains(body, content + 1, lineEnd, marker) { closeHTML() }
                return
            }
            if isThematicBreak(body, content, lineEnd) || isSetextUnderline(body, content, lineEnd) {
                closeParagraph()
                return
            }
            if let headingStart = atxHeadingContent(body, content, lineEnd) {
                closeParagraph()
                Self.appendLine(body, headingStart, lineEnd, lineNumber, to: &paragraph)
                closeParagraph()
                return
            }
            if !paragraphOpen, parseDefinition(body, content, lineEnd, lineNumber) { return }
        }
        Self.appendLine(body, content, lineEnd, lineNumber, to: &paragraph)
    }

    // MARK: Runs

    private static func appendLine(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Int, to run: inout TextRun) {
        if run.lineStarts.isEmpty { run.firstLine = line } else { run.bytes.append(0x0A) }
        run.lineStarts.append(run.bytes.count)
        var stop = end
        if stop > start && body[stop - 1] == 0x0D { stop -= 1 }
        run.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: body[start..<stop]))
    }

    private mutating func closeParagraph() {
        if paragraphOpen { runs.append(paragraph) }
        paragraph = TextRun()
    }

    private mutating func closeHTML() {
        if !htmlRun.lineStarts.isEmpty && html?.rawText != true { runs.append(htmlRun) }
        htmlRun = TextRun()
        html = nil
    }

    private mutating func flushPendingDefinition(_ body: UnsafeBufferPointer<UInt8>) {
        if let pending = pendingDefinition {
            Self.appendLine(body, pending.start, pending.end, pending.line, to: &paragraph)
            pendingDefinition = nil
        }
    }

    // MARK: Line shapes

    private func measureIndent(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var column = 0, i = start
        while i < end {
            if body[i] == 0x20 { column += 1 } else if body[i] == 0x09 { column += 4 - column % 4 } else if body[i] == 0x0D && i + 1 == end {
                // a CR before the line end counts as nothing
            } else { break }
            i += 1
        }
        return (column, i)
    }

    private func countRun(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end && body[i] == body[start] { i += 1 }
        return i - start
    }

    private func isFence(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, closing open: (marker: UInt8, length: Int)?) -> Bool {
        guard start < end, body[start] == UInt8(ascii: "`") || body[start] == UInt8(ascii: "~") else { return false }
        let length = countRun(body, start, end)
        guard length >= 3 else { return false }
        if let open {
            guard body[start] == open.marker && length >= open.length else { return false }
            var i = start + length
            while i < end && (body[i] == 0x20 || body[i] == 0x09 || body[i] == 0x0D) { i += 1 }
            return i == end
        }
        if body[start] == UInt8(ascii: "`") {
            for i in (start + length)..<end where body[i] == UInt8(ascii: "`") { return false }
        }
        return true
    }

    private func listMarker(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (width: Int, next: Int)? {
        guard start < end else { return nil }
        var i = start
        let c = body[i]
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") {
            i += 1
        } else {
            while i < end && i - start < 9 && body[i] >= 0x30 && body[i] <= 0x39 { i += 1 }
            guard i > start, i < end, body[i] == UInt8(ascii: ".") || body[i] == UInt8(ascii: ")") else { return nil }
            i += 1
        }
        guard i == end || body[i] == 0x20 || body[i] == 0x09 else { return nil }
        if isThematicBreak(body, start, end) { return nil }
        return (i - start, i)
    }

    private func isThematicBreak(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        let marker = body[start]
        guard marker == UInt8(ascii: "-") || marker == UInt8(ascii: "*") || marker == UInt8(ascii: "_") else { return false }
        var count = 0
        for i in start..<end {
            if body[i] == marker { count += 1 } else if body[i] != 0x20 && body[i] != 0x09 && body[i] != 0x0D { return false }
        }
        return count >= 3
    }

    private func isSetextUnderline(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard paragraphOpen, start < end, body[start] == UInt8(ascii: "=") || body[start] == UInt8(ascii: "-") else { return false }
        var i = start + countRun(body, start, end)
        while i < end && (body[i] == 0x20 || body[i] == 0x09 || body[i] == 0x0D) { i += 1 }
        return i == end
    }

    private func atxHeadingContent(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard start < end, body[start] == UInt8(ascii: "#") else { return nil }
        let level = countRun(body, start, end)
        guard level <= 6 else { return nil }
        let after = start + level
        guard after == end || body[after] == 0x20 || body[after] == 0x09 else { return nil }
        return after
    }

    private func startsNewBlock(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, indent: Int) -> Bool {
        guard indent - (listIndents.last ?? 0) < 4 || listIndents.isEmpty == false else { return false }
        return listMarker(body, start, end) != nil || isFence(body, start, end, closing: nil)
            || atxHeadingContent(body, start, end) != nil || isThematicBreak(body, start, end)
            || htmlBlockStart(body, start, end, canInterrupt: false) != nil
    }

    private func contains(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ needle: [UInt8]) -> Bool {
        guard end - start >= needle.count else { return false }
        var i = start
        while i + needle.count <= end {
            var k = 0
            while k < needle.count && lower(body[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return true }
            i += 1
        }
        return false
    }

    // MARK: HTML blocks

    private static let rawTextTags: [String] = ["script", "pre", "style", "textarea"]
    private static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ]

    private func htmlBlockStart(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, canInterrupt: Bool) -> HTMLBlockEnd? {
        guard end - start >= 2, body[start] == UInt8(ascii: "<") else { return nil }
        let next = body[start + 1]
        if next == UInt8(ascii: "!") {
            if contains(body, start, min(end, start + 4), Array("<!--".utf8)) { return .text(Array("-->".utf8)) }
            if contains(body, start, min(end, start + 9), Array("<![cdata[".utf8)) { return .text(Array("]]>".utf8)) }
            if start + 2 < end, isLetter(body[start + 2]) { return .text([UInt8(ascii: ">")]) }
            return nil
        }
        if next == UInt8(ascii: "?") { return .text(Array("?>".utf8)) }
        let closing = next == UInt8(ascii: "/")
        var i = start + (closing ? 2 : 1)
        let nameStart = i
        while i < end && (isLetter(body[i]) || (i > nameStart && (isDigit(body[i]) || body[i] == UInt8(ascii: "-")))) { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: body[nameStart..<i]).map(lower), as: UTF8.self)
        let boundary = i == end || body[i] == 0x20 || body[i] == 0x09 || body[i] == UInt8(ascii: ">") || body[i] == 0x0D
        if !closing && boundary && Self.rawTextTags.contains(name) { return .text(Array("</\(name)>".utf8)) }
        if Self.blockTags.contains(name) && (boundary || (i + 1 < end && body[i] == UInt8(ascii: "/") && body[i + 1] == UInt8(ascii: ">"))) {
            return .blankLine
        }
        // Any other complete tag alone on its line, which may not interrupt a paragraph.
        guard canInterrupt, !Self.rawTextTags.contains(name) else { return nil }
        var j = end
        while j > i && (body[j - 1] == 0x20 || body[j - 1] == 0x09 || body[j - 1] == 0x0D) { j -= 1 }
        guard j > i, body[j - 1] == UInt8(ascii: ">") else { return nil }
        var quote: UInt8 = 0
        for k in i..<(j - 1) {
            let c = body[k]
            if quote != 0 { if c == quote { quote = 0 }; continue }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c } else if c == UInt8(ascii: "<") || c == UInt8(ascii: ">") { return nil }
        }
        return quote == 0 ? .blankLine : nil
    }

    // MARK: Link reference definitions

    /// `[label]: destination "title"`; records it and returns true. With nothing after the
    /// colon, the destination may follow on the next line.
    private mutating func parseDefinition(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ line: Int) -> Bool {
        guard start < end, body[start] == UInt8(ascii: "[") else { return false }
        var i = start + 1
        while i < end && body[i] != UInt8(ascii: "]") {
            if body[i] == UInt8(ascii: "[") { return false }
            if body[i] == UInt8(ascii: "\\") { i += 1 }
            i += 1
        }
        guard i + 1 < end, i > start + 1, body[i + 1] == UInt8(ascii: ":") else { return false }
        let label = Array(UnsafeBufferPointer(rebasing: body[(start + 1)..<i]))
        let (_, rest) = measureIndent(body, i + 2, end)
        if rest == end {
            pendingDefinition = (label, start, end, line)
            return true
        }
        guard let destination = definitionDestination(body, i + 2, end) else { return false }
        define(label, destination)
        return true
    }

    /// A definition's destination and optional title filling the rest of a line.
    private func definitionDestination(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8]? {
        var scanner = InlineLinkScanner.Cursor(bytes: UnsafeBufferPointer(rebasing: body[start..<end]))
        scanner.skipSpaces()
        guard let destination = scanner.destination(), !destination.isEmpty || scanner.lastDestinationWasAngled else { return nil }
        let afterDestination = scanner.position
        scanner.skipSpaces()
        if scanner.position < scanner.bytes.count {
            guard scanner.position > afterDestination, scanner.title(), scanner.restIsBlank() else { return nil }
        }
        return destination
    }

    private mutating func define(_ label: [UInt8], _ destination: [UInt8]) {
        let key = InlineLinkScanner.normalizeLabel(label)
        guard !key.isEmpty else { return }
        if definitions[key] == nil { definitions[key] = InlineLinkScanner.decode(destination) }
    }
}
