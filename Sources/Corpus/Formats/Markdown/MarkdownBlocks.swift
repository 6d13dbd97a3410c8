import TermgraphCore
/// Splits a Markdown body into the runs of text where links can stand, by CommonMark's block
/// algorithm (spec 0.31.2, "Appendix: A parsing strategy"): each line first continues the open
/// block quotes and list items it can, then may open new ones and a new leaf block, and what is
/// left is added to the open leaf — or, as a lazy continuation line, to an open paragraph.
///
/// The result feeds `InlineLinkScanner`: paragraphs, headings and table cells (container
/// markers removed), the raw HTML blocks (scanned for `<a href>` only) and the link reference
/// definitions. Code blocks yield nothing.
struct MarkdownBlocks {
    /// One run of inline text: its bytes and, for each byte, nothing more than the line it came from.
    struct TextRun {
        var bytes: [UInt8] = []
        /// `lineStarts[k]` is the offset in `bytes` where the k-th line of the run begins.
        var lineStarts: [Int] = []
        var firstLine = 0
        var isHTML = false
        /// A cell of a GFM table row, where a vault's `\|` separates a wikilink's text.
        var isTableCell = false
        /// An ATX or setext heading's content, whose id is an anchor (`MarkdownAnchors`).
        var isHeading = false

        func line(at offset: Int) -> Int {
            var low = 0, high = lineStarts.count
            while low + 1 < high {
                let mid = (low + high) / 2
                if lineStarts[mid] <= offset { low = mid } else { high = mid }
            }
            return firstLine + low
        }

        mutating func append(_ body: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, line: Int) {
            if lineStarts.isEmpty { firstLine = line } else { bytes.append(0x0A) }
            lineStarts.append(bytes.count)
            if start < end { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: body[start..<end])) }
        }
    }

    private(set) var runs: [TextRun] = []
    /// Normalised label → destination; the first definition of a label wins.
    private(set) var definitions: [String: String] = [:]

    /// An open block quote or list item.
    private struct Container {
        var isQuote: Bool
        /// A list item's marker indent and the columns from it to the item's content.
        var markerOffset = 0
        var padding = 0
        /// A list item that holds no block yet ends at a blank line.
        var hasChild = false
    }

    private enum Leaf {
        case none
        case paragraph
        case fence(marker: UInt8, length: Int)
        case indentedCode
        case html(MarkdownBlockStarts.HTMLEnd)
        case table(columns: Int)
    }

    private var containers: [Container] = []
    private var leaf = Leaf.none
    private var paragraph = TextRun()
    /// A delimiter row whose cell count did not match has been seen under the open paragraph: as
    /// in cmark-gfm, GFM's reference implementation, the paragraph then starts no table.
    private var tableRefused = false
    private var html = TextRun()

    init(_ body: UnsafeBufferPointer<UInt8>, firstLine: Int) {
        var start = 0
        var lineNumber = firstLine
        while start < body.count {
            var end = start
            while end < body.count && body[end] != 0x0A { end += 1 }
            var line = MarkdownLine(body, start: start, end: end)
            processLine(&line, lineNumber)
            start = end + 1
            lineNumber += 1
        }
        closeLeaf()
    }

    private mutating func processLine(_ line: inout MarkdownLine, _ lineNumber: Int) {
        // 1. The open containers this line continues.
        var matched = 0
        while matched < containers.count {
            let container = containers[matched]
            if container.isQuote {
                guard line.indent <= 3, line.first == UInt8(ascii: ">") else { break }
                line.advanceToNextNonspace()
                line.advance(1, columns: false)
                if line.isSpaceOrTab(at: line.offset) { line.advance(1, columns: true) }
            } else if line.indent >= container.markerOffset + container.padding {
                line.advance(container.markerOffset + container.padding, columns: true)
            } else if line.isBlank && container.hasChild {
                line.advanceToNextNonspace()
            } else {
                break
            }
            matched += 1
        }
        let allMatched = matched == containers.count

        // The open leaf, when every container goes on: code and HTML take the line whole.
        var inParagraph = false
        if allMatched {
            switch leaf {
            case .fence(let marker, let length):
                if line.indent <= 3, MarkdownBlockStarts.isClosingFence(line.body, line.nextNonspace, line.end, marker: marker, length: length) {
                    leaf = .none
                }
                return
            case .indentedCode:
                if line.indent >= 4 || line.isBlank { return }
            case .html(let end):
                if line.isBlank && end == .blankLine { break }
                html.append(line.body, line.offset, line.end, line: lineNumber)
                if MarkdownBlockStarts.endsHTML(end, line.body, line.offset, line.end) { closeLeaf() }
                return
            case .paragraph:
                inParagraph = !line.isBlank
            case .table, .none:
                break
            }
        }
        let leafMatched: Bool = {
            guard allMatched, !line.isBlank else { return false }
            switch leaf {
            case .paragraph, .table: return true
            default: return false
            }
        }()
        let maybeLazy: Bool = { if case .paragraph = leaf { return true } else { return false } }()

        // 2. New containers and a new leaf block.
        var opened = false
        /// Closes what this line did not continue, before the first block it opens.
        func openBlock(_ blocks: inout MarkdownBlocks) {
            if !opened {
                blocks.closeUnmatched(matched, leafMatched: false)
                opened = true
            }
            if let last = blocks.containers.indices.last { blocks.containers[last].hasChild = true }
        }
        var tableCandidate = leafMatched && { if case .paragraph = leaf { return true } else { return false } }()
        while true {
            let b = line.body, start = line.nextNonspace, end = line.end
            if line.isIndentedCode {
                if !maybeLazy || opened, !line.isBlank {
                    openBlock(&self)
                    line.advance(4, columns: true)
                    leaf = .indentedCode
                    return
                }
                break
            }
            let c = line.first
            if c == UInt8(ascii: ">") {
                openBlock(&self)
                line.advanceToNextNonspace()
                line.advance(1, columns: false)
                if line.isSpaceOrTab(at: line.offset) { line.advance(1, columns: true) }
                containers.append(Container(isQuote: true))
                matched = containers.count
                inParagraph = false
                tableCandidate = false
                continue
            }
            if let heading = MarkdownBlockStarts.atxHeading(b, start, end) {
                openBlock(&self)
                var run = TextRun()
                run.isHeading = true
                run.append(b, heading.lowerBound, heading.upperBound, line: lineNumber)
                runs.append(run)
                return
            }
            if let fence = MarkdownBlockStarts.openingFence(b, start, end) {
                openBlock(&self)
                leaf = .fence(marker: fence.marker, length: fence.length)
                return
            }
            if let htmlEnd = MarkdownBlockStarts.htmlBlock(b, start, end, inParagraph: inParagraph && !opened) {
                openBlock(&self)
                leaf = .html(htmlEnd)
                html = TextRun()
                html.isHTML = true
                html.append(b, line.offset, end, line: lineNumber)
                if MarkdownBlockStarts.endsHTML(htmlEnd, b, start, end) { closeLeaf() }
                return
            }
            if inParagraph && !opened && MarkdownBlockStarts.isSetextUnderline(b, start, end) {
                LinkDefinitions.take(from: &paragraph, into: &definitions)
                if !paragraph.lineStarts.isEmpty {
                    paragraph.isHeading = true
                    closeLeaf()
                    return
                }
                leaf = .none
                inParagraph = false
                tableCandidate = false
            }
            if MarkdownBlockStarts.isThematicBreak(b, start, end) {
                openBlock(&self)
                return
            }
            let interrupts = inParagraph && !opened
            if let marker = MarkdownBlockStarts.listMarker(b, start, end),
               !(interrupts && (marker.orderedNotOne || MarkdownBlockStarts.restIsBlank(b, start + marker.width, end))) {
                openBlock(&self)
                let markerOffset = line.indent
                line.advanceToNextNonspace()
                line.advance(marker.width, columns: false)
                let afterMarker = line.mark
                let column = line.column
                while line.column - column <= 5 && line.isSpaceOrTab(at: line.offset) { line.advance(1, columns: true) }
                let spaces = line.column - column
                var padding = marker.width + spaces
                if spaces >= 5 || spaces < 1 || line.isBlank {
                    padding = marker.width + 1
                    line.reset(to: afterMarker)
                    if spaces > 0 { line.advance(1, columns: true) }
                }
                containers.append(Container(isQuote: false, markerOffset: markerOffset, padding: padding))
                matched = containers.count
                inParagraph = false
                tableCandidate = false
                continue
            }
            if tableCandidate && !opened, let columns = GFMTable.delimiterColumns(b, start, end), openTable(columns) {
                return
            }
            break
        }

        // 3. The rest of the line: a lazy continuation, a paragraph line or a table row.
        if !opened && !leafMatched && maybeLazy && !line.isBlank {
            // Kept with its indentation, as cmark and markdown-it keep it: no definition starts there.
            paragraph.append(line.body, line.offset, line.end, line: lineNumber)
            return
        }
        if !opened { closeUnmatched(matched, leafMatched: leafMatched) }
        if line.isBlank { return }
        switch leaf {
        case .paragraph:
            paragraph.append(line.body, line.nextNonspace, line.end, line: lineNumber)
        case .table(let columns):
            addRow(line.body, line.nextNonspace, line.end, lineNumber, columns: columns)
        default:
            closeLeaf()
            if let last = containers.indices.last { containers[last].hasChild = true }
            leaf = .paragraph
            paragraph = TextRun()
            paragraph.append(line.body, line.nextNonspace, line.end, line: lineNumber)
            tableRefused = false
        }
    }

    // MARK: Closing blocks

    /// Closes the containers past the first `matched`, and the leaf unless it goes on.
    private mutating func closeUnmatched(_ matched: Int, leafMatched: Bool) {
        if !leafMatched || matched < containers.count { closeLeaf() }
        if matched < containers.count { containers.removeSubrange(matched...) }
    }

    private mutating func closeLeaf() {
        switch leaf {
        case .paragraph:
            LinkDefinitions.take(from: &paragraph, into: &definitions)
            if !paragraph.lineStarts.isEmpty { runs.append(paragraph) }
            paragraph = TextRun()
        case .html:
            if !html.lineStarts.isEmpty { runs.append(html) }
            html = TextRun()
        default:
            break
        }
        leaf = .none
    }

    // MARK: Tables

    /// Turns the open paragraph's last line into a table header when it has `columns` cells.
    private mutating func openTable(_ columns: Int) -> Bool {
        guard !tableRefused, let lastStart = paragraph.lineStarts.last else { return false }
        let header = Array(paragraph.bytes[lastStart...])
        let headerLine = paragraph.firstLine + paragraph.lineStarts.count - 1
        let count = header.withUnsafeBufferPointer { GFMTable.cells($0, 0, $0.count).count }
        guard count == columns else {
            tableRefused = true
            return false
        }
        paragraph.bytes.removeSubrange(max(0, lastStart - 1)...)
        paragraph.lineStarts.removeLast()
        closeLeaf()
        header.withUnsafeBufferPointer { addRow($0, 0, $0.count, headerLine, columns: columns) }
        leaf = .table(columns: columns)
        return true
    }

    private mutating func addRow(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ lineNumber: Int, columns: Int) {
        for cell in GFMTable.cells(b, start, end).prefix(columns) where !cell.isEmpty {
            var run = TextRun()
            run.isTableCell = true
            run.append(b, cell.lowerBound, cell.upperBound, line: lineNumber)
            runs.append(run)
        }
    }
}
