import TermgraphCore
/// The forward searches inline scanning needs, remembered across one run of text so that hostile
/// input — thousands of unclosed brackets, backticks, tags or titles — is still scanned in linear
/// time: no search covers the same stretch of text twice for the same question.
struct SearchMemo {
    let bytes: UnsafeBufferPointer<UInt8>
    var commentEnd = ForwardSearch("-->")
    var cdataEnd = ForwardSearch("]]>")
    var declarationEnd = ForwardSearch(">")
    var instructionEnd = ForwardSearch("?>")
    var doubleQuote = ForwardSearch("\"")
    var singleQuote = ForwardSearch("'")
    var anchorClose = ForwardSearch("</a")
    /// Backtick run length → a position from which no closing run of that length exists.
    private var noCloserFrom: [Int: Int] = [:]
    private var parens: ParenIndex?
    private var quoteSearches: [UInt8: (from: Int, found: Int?)] = [:]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Past a code span, or past the backtick run when no closing run of the same length follows.
    mutating func skipCodeSpan(_ start: Int) -> Int {
        let b = bytes
        var i = start
        while i < b.count && b[i] == UInt8(ascii: "`") { i += 1 }
        let length = i - start
        if let from = noCloserFrom[length], i >= from { return i }
        var j = i
        while j < b.count {
            if b[j] == UInt8(ascii: "`") {
                var k = j
                while k < b.count && b[k] == UInt8(ascii: "`") { k += 1 }
                if k - j == length { return k }
                j = k
            } else {
                j += 1
            }
        }
        noCloserFrom[length] = i
        return i
    }

    /// How far the quick looks for a destination's or a title's end go before the index is built.
    static let shortLook = 256

    /// A link destination at the cursor: `<…>`, or a run without white space whose parentheses
    /// balance, found through a precomputed index instead of a fresh scan.
    mutating func destination(at cursor: inout InlineLinkScanner.Cursor) -> [UInt8]? {
        let p = cursor.position
        guard p < bytes.count, bytes[p] != UInt8(ascii: "<") else { return cursor.destination() }
        // Most destinations hold no parenthesis or backslash: a short look ahead settles them
        // without the index (a bounded look, so hostile text stays linear).
        var k = p
        while k < bytes.count && k - p < Self.shortLook {
            let c = bytes[k]
            if c == UInt8(ascii: ")") || c <= 0x20 || c == 0x7F {
                cursor.position = k
                return Array(UnsafeBufferPointer(rebasing: bytes[p..<k]))
            }
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "\\") { break }
            k += 1
        }
        if k == bytes.count {
            cursor.position = k
            return Array(UnsafeBufferPointer(rebasing: bytes[p..<k]))
        }
        if parens == nil { parens = ParenIndex(bytes) }
        let index = parens!
        let stop = Int(index.stopAt[p])
        let close = Int(index.closeAt[p])
        let end: Int
        if close < stop {
            end = close
        } else if index.depthBefore[stop] == index.depthBefore[p] {
            end = stop
        } else {
            return nil
        }
        cursor.position = end
        return Array(UnsafeBufferPointer(rebasing: bytes[p..<end]))
    }

    /// A link title at the cursor in `"…"`, `'…'` or `(…)`; moves past it and returns true.
    mutating func title(at cursor: inout InlineLinkScanner.Cursor) -> Bool {
        let p = cursor.position
        guard p < bytes.count else { return false }
        let open = bytes[p]
        if open == UInt8(ascii: "(") { return cursor.title() }  // stops at the next parenthesis: linear
        guard open == UInt8(ascii: "\"") || open == UInt8(ascii: "'") else { return false }
        // A short title without a backslash: its closing quote cannot be escaped.
        var k = p + 1
        while k < bytes.count && k - p < Self.shortLook && bytes[k] != open && bytes[k] != UInt8(ascii: "\\") { k += 1 }
        if k < bytes.count && bytes[k] == open {
            cursor.position = k + 1
            return true
        }
        if parens == nil { parens = ParenIndex(bytes) }
        var found: Int?
        if let memo = quoteSearches[open], p + 1 >= memo.from, memo.found.map({ p + 1 <= $0 }) ?? true {
            found = memo.found
        } else {
            var k = p + 1
            while k < bytes.count && !(bytes[k] == open && !parens!.escaped[k]) { k += 1 }
            found = k < bytes.count ? k : nil
            quoteSearches[open] = (p + 1, found)
        }
        guard let close = found else { return false }
        cursor.position = close + 1
        return true
    }
}

/// A forward search for one fixed (ASCII, case-insensitive) string that remembers its last answer.
struct ForwardSearch {
    let needle: StaticString
    private var from = Int.max
    private var found: Int?

    init(_ needle: StaticString) {
        self.needle = needle
    }

    /// The first match at or after `start`.
    mutating func find(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        if start >= from, found.map({ start <= $0 }) ?? true { return found }
        var i = start
        var result: Int?
        while i < b.count {
            if InlineLinkScanner.matches(b, i, needle) { result = i; break }
            i += 1
        }
        from = start
        found = result
        return result
    }
}

/// Parenthesis structure of a run, for CommonMark destinations: where each destination starting
/// at a position would end.
struct ParenIndex {
    /// Unescaped `(` minus `)` before each position (count + 1 entries).
    let depthBefore: [Int32]
    /// The next white space or control character at or after each position (count if none).
    let stopAt: [Int32]
    /// The first unescaped `)` at or after each position that closes back to that position's depth.
    let closeAt: [Int32]
    /// Whether the byte at each position is escaped by a backslash.
    let escaped: [Bool]

    init(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        var escaped = [Bool](repeating: false, count: n)
        var depth = [Int32](repeating: 0, count: n + 1)
        var lowest: Int32 = 0, highest: Int32 = 0
        var k = 0
        while k < n {
            if b[k] == UInt8(ascii: "\\") && k + 1 < n && isPunctuation(b[k + 1]) {
                escaped[k + 1] = true
                depth[k + 1] = depth[k]
                depth[k + 2] = depth[k]
                k += 2
                continue
            }
            depth[k + 1] = depth[k] + (b[k] == UInt8(ascii: "(") ? 1 : b[k] == UInt8(ascii: ")") ? -1 : 0)
            lowest = min(lowest, depth[k + 1])
            highest = max(highest, depth[k + 1])
            k += 1
        }
        var stopAt = [Int32](repeating: Int32(n), count: n + 1)
        var closeAt = [Int32](repeating: Int32(n), count: n + 1)
        // The nearest closer seen so far (scanning backwards) for each depth, `lowest` at 0.
        var closerAtDepth = [Int32](repeating: Int32(n), count: Int(highest - lowest) + 1)
        var nextStop = Int32(n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            let c = b[k]
            if c <= 0x20 || c == 0x7F { nextStop = Int32(k) }
            stopAt[k] = nextStop
            let d = Int(depth[k] - lowest)
            if c == UInt8(ascii: ")") && !escaped[k] { closerAtDepth[d] = Int32(k) }
            closeAt[k] = closerAtDepth[d]
        }
        self.depthBefore = depth
        self.stopAt = stopAt
        self.closeAt = closeAt
        self.escaped = escaped
    }
}
