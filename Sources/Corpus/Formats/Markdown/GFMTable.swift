import TermgraphCore
/// GitHub Flavored Markdown tables: a header row, a delimiter row (`| --- | :-: |`) with as many
/// cells, then body rows up to a blank line or the start of another block. Each cell is inline
/// text of its own, so an unescaped `|` ends a cell even inside brackets or a code span, and
/// the cells past the header's count are dropped.
enum GFMTable {
    /// The cells of the row `start..<end`, each as the range of its text, trimmed. A leading `|`
    /// opens no cell only at the very start: a lazy line keeps its indentation in its paragraph,
    /// and as a header its white space before the pipe is a cell (cmark-gfm).
    static func cells(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [Range<Int>] {
        var from = start, to = end
        while to > from && (b[to - 1] == 0x20 || b[to - 1] == 0x09) { to -= 1 }
        if from < to && b[from] == UInt8(ascii: "|") { from += 1 }
        var cells: [Range<Int>] = []
        guard from < to else { return cells }  // `|` alone has no cell
        var cellStart = from, i = from
        while i < to {
            if b[i] == UInt8(ascii: "\\") && i + 1 < to {
                i += 2
                continue
            }
            if b[i] == UInt8(ascii: "|") {
                cells.append(trimmed(b, cellStart, i))
                cellStart = i + 1
            }
            i += 1
        }
        if cellStart < to || cells.isEmpty { cells.append(trimmed(b, cellStart, to)) }
        return cells
    }

    /// The number of columns when `start..<end` is a delimiter row.
    static func delimiterColumns(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var pipe = false
        for i in start..<end {
            switch b[i] {
            case UInt8(ascii: "|"): pipe = true
            case UInt8(ascii: "-"), UInt8(ascii: ":"), 0x20, 0x09: continue
            default: return nil
            }
        }
        let columns = cells(b, start, end)
        for cell in columns {
            var i = cell.lowerBound, stop = cell.upperBound
            if i < stop && b[i] == UInt8(ascii: ":") { i += 1 }
            if stop > i && b[stop - 1] == UInt8(ascii: ":") { stop -= 1 }
            guard i < stop, (i..<stop).allSatisfy({ b[$0] == UInt8(ascii: "-") }) else { return nil }
        }
        // Without a pipe a lone `---` is a setext underline or a thematic break, not a table.
        return pipe || columns.count > 1 ? columns.count : nil
    }

    private static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var from = start, to = end
        while from < to && (b[from] == 0x20 || b[from] == 0x09) { from += 1 }
        while to > from && (b[to - 1] == 0x20 || b[to - 1] == 0x09) { to -= 1 }
        return from..<to
    }
}
