/// The inline syntax a vault adds to Markdown (§1a), carried from run to run of one note:
/// `%%comments%%`, which hide the links inside them and may span paragraphs, and table rows,
/// in which a wikilink's `\|` is the separator before its text (a bare `|` would end the cell).
struct VaultSyntax {
    /// Whether a `%%` comment opened in an earlier run is still open.
    var inComment = false

    /// Just past the `%%` at or after `from` that closes a comment, or nil when the comment runs
    /// past the end of the run.
    static func commentEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "%") && b[i + 1] == UInt8(ascii: "%") { return i + 2 }
            i += 1
        }
        return nil
    }

    /// Where the run's table rows start (the header row above its first delimiter row such as
    /// `| --- | :-: |`), or nil when the run holds no table.
    static func tableStart(_ run: MarkdownBlocks.TextRun) -> Int? {
        let starts = run.lineStarts
        for k in starts.indices.dropFirst() {
            let end = k + 1 < starts.count ? starts[k + 1] : run.bytes.count
            if isDelimiterRow(run.bytes[starts[k]..<end]) { return starts[k - 1] }
        }
        return nil
    }

    /// `|---|:--:|`, `--- | ---`: pipes, dashes, colons and spaces, with at least one of each
    /// pipe and dash (GitHub's table delimiter row).
    private static func isDelimiterRow(_ line: ArraySlice<UInt8>) -> Bool {
        var pipe = false, dash = false
        for c in line {
            switch c {
            case UInt8(ascii: "|"): pipe = true
            case UInt8(ascii: "-"): dash = true
            case UInt8(ascii: ":"), 0x20, 0x09, 0x0D, 0x0A: continue
            default: return false
            }
        }
        return pipe && dash
    }
}
