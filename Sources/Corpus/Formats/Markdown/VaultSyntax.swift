/// The inline syntax a vault adds to Markdown (§1a), carried from run to run of one note:
/// `%%comments%%`, which hide the links inside them and may span paragraphs, and table rows,
/// in which a wikilink's `\|` is the separator before its text (a bare `|` would end the cell;
/// the block reader marks each cell's run, `TextRun.isTableCell`).
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
}
