import TermgraphCore
/// The ids raw HTML in Markdown defines: the `id` of any element and the `name` of an `<a>`,
/// read the forgiving way an HTML tokenizer reads a start tag (any attribute syntax up to `>`,
/// within a bounded length). Code spans hold none.
enum HTMLIDs {
    static func ids(in b: UnsafeBufferPointer<UInt8>, skippingCodeSpans: Bool) -> [String] {
        var ids: [String] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            if skippingCodeSpans && c == UInt8(ascii: "`") {
                i = codeSpanEnd(b, i)
                continue
            }
            if c == UInt8(ascii: "<"), i + 1 < b.count, isLetter(b[i + 1]) {
                i = startTag(b, i, into: &ids)
                continue
            }
            i += 1
        }
        return ids
    }

    /// Past the code span opening at `i`, or past its backticks when it never closes.
    private static func codeSpanEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var run = i
        while run < b.count && b[run] == UInt8(ascii: "`") { run += 1 }
        let length = run - i
        var j = run
        while j < b.count {
            guard b[j] == UInt8(ascii: "`") else { j += 1; continue }
            var end = j
            while end < b.count && b[end] == UInt8(ascii: "`") { end += 1 }
            if end - j == length { return end }
            j = end
        }
        return run
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }

    /// Reads the start tag at `start`, adding its ids; returns where scanning goes on.
    private static func startTag(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, into ids: inout [String]) -> Int {
        let limit = min(b.count, start + InlineHTML.maximumTagBytes)
        var i = start + 1
        while i < limit && !isSpace(b[i]) && b[i] != UInt8(ascii: ">") && b[i] != UInt8(ascii: "/") { i += 1 }
        let isAnchor = i - start == 2 && lower(b[start + 1]) == UInt8(ascii: "a")
        var found: [String] = []
        while i < limit {
            while i < limit && (isSpace(b[i]) || b[i] == UInt8(ascii: "/")) { i += 1 }
            guard i < limit else { break }
            if b[i] == UInt8(ascii: ">") {
                ids += found
                return i + 1
            }
            let nameStart = i
            while i < limit, !isSpace(b[i]), b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ">") { i += 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<i]), as: UTF8.self).lowercased()
            var probe = i
            while probe < limit && isSpace(b[probe]) { probe += 1 }
            guard probe < limit, b[probe] == UInt8(ascii: "=") else { continue }
            i = probe + 1
            while i < limit && isSpace(b[i]) { i += 1 }
            guard i < limit else { break }
            let valueStart: Int, valueEnd: Int
            if b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                let quote = b[i]
                valueStart = i + 1
                i = valueStart
                while i < limit && b[i] != quote { i += 1 }
                guard i < limit else { break }
                valueEnd = i
                i += 1
            } else {
                valueStart = i
                while i < limit, !isSpace(b[i]), b[i] != UInt8(ascii: ">") { i += 1 }
                valueEnd = i
            }
            if name == "id" || (isAnchor && name == "name") {
                let value = InlineLinkScanner.decodeEntities(Array(UnsafeBufferPointer(rebasing: b[valueStart..<valueEnd])))
                if !value.isEmpty { found.append(value) }
            }
        }
        return start + 1
    }
}
