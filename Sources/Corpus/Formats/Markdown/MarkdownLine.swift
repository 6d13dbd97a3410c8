import TermgraphCore
/// One line of a Markdown body as the block parser consumes it: a byte offset and a column,
/// because CommonMark measures indentation in columns (a tab reaches the next multiple of 4)
/// and a container marker may take part of a tab (`>\tx` leaves two columns of it as indent).
struct MarkdownLine {
    let body: UnsafeBufferPointer<UInt8>
    /// Bytes `start..<end`, without the line feed and a carriage return before it.
    let start: Int
    let end: Int
    private(set) var offset: Int
    private(set) var column = 0
    /// The tab at `offset` is partly consumed: `column` stands inside it.
    private(set) var partialTab = false
    /// The first byte from `offset` that is no space or tab, and its column.
    private(set) var nextNonspace = 0
    private(set) var nextNonspaceColumn = 0

    init(_ body: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.body = body
        self.start = start
        self.end = end > start && body[end - 1] == 0x0D ? end - 1 : end
        self.offset = start
        findNextNonspace()
    }

    /// Columns of white space from the current position to `nextNonspace`.
    var indent: Int { nextNonspaceColumn - column }
    var isBlank: Bool { nextNonspace >= end }
    var isIndentedCode: Bool { indent >= 4 }
    /// The byte at `nextNonspace`, or 0 at the end of the line.
    var first: UInt8 { nextNonspace < end ? body[nextNonspace] : 0 }

    mutating func findNextNonspace() {
        var i = offset, col = column
        while i < end {
            if body[i] == 0x20 { col += 1 } else if body[i] == 0x09 { col += 4 - col % 4 } else { break }
            i += 1
        }
        nextNonspace = i
        nextNonspaceColumn = col
    }

    /// Moves `count` bytes on, or with `columns` `count` columns on (which may stop inside a tab).
    mutating func advance(_ count: Int, columns: Bool) {
        var count = count
        while count > 0 && offset < end {
            if body[offset] == 0x09 {
                let toTab = 4 - column % 4
                if columns {
                    partialTab = toTab > count
                    let step = min(count, toTab)
                    column += step
                    if !partialTab { offset += 1 }
                    count -= step
                } else {
                    partialTab = false
                    column += toTab
                    offset += 1
                    count -= 1
                }
            } else {
                partialTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
        findNextNonspace()
    }

    mutating func advanceToNextNonspace() { advance(nextNonspace - offset, columns: false) }

    /// Where the line is now: to come back to after a look ahead.
    var mark: (Int, Int, Bool) { (offset, column, partialTab) }

    mutating func reset(to mark: (Int, Int, Bool)) {
        (offset, column, partialTab) = mark
        findNextNonspace()
    }

    func isSpaceOrTab(at i: Int) -> Bool { i < end && (body[i] == 0x20 || body[i] == 0x09) }
}
