/// A cross-link as written in an article, before it is resolved to a term.
public struct Link: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `[text](target)`
        case inline
        /// `[text][ref]`, `[text][]`, `[ref]` with a definition `[ref]: target`
        case reference
        /// `[[target]]`, `[[target|text]]`
        case wikilink
        /// `<a href="target">text</a>`
        case html
    }

    /// The destination with backslash escapes and character references decoded, not yet percent-decoded.
    public var target: String
    /// The anchor text, white space collapsed.
    public var text: String
    /// 1-based line in the file.
    public var line: Int
    public var kind: Kind

    public init(target: String, text: String, line: Int, kind: Kind) {
        self.target = target
        self.text = text
        self.line = line
        self.kind = kind
    }
}

/// An article's links kept compactly: every target and anchor text in one byte buffer, and
/// three words per link. A million-article corpus holds ten million links while it is linked;
/// as separate strings they would take twice the memory.
public struct LinkList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// Each link's target, then its anchor text, as UTF-8, link after link.
    private var text: [UInt8] = []
    /// Per link: where its target starts in `text`, where its anchor text starts (it ends where
    /// the next link starts), and its line × 4 + kind.
    private var entries: [UInt32] = []

    public init(_ links: [Link] = []) {
        text.reserveCapacity(links.reduce(0) { $0 + $1.target.utf8.count + $1.text.utf8.count })
        entries.reserveCapacity(3 * links.count)
        for link in links { append(link) }
    }

    public init(arrayLiteral links: Link...) {
        self.init(links)
    }

    public mutating func append(_ link: Link) {
        entries.append(UInt32(text.count))
        text.append(contentsOf: link.target.utf8)
        entries.append(UInt32(text.count))
        text.append(contentsOf: link.text.utf8)
        // Articles are at most 64 MiB, so a line number fits in 30 bits.
        entries.append(UInt32(Swift.min(link.line, Int(UInt32.max >> 2))) << 2 | UInt32(Link.Kind.allCases.firstIndex(of: link.kind)!))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count / 3 }

    public subscript(i: Int) -> Link {
        Link(target: target(i), text: String(decoding: anchorText(i), as: UTF8.self), line: line(i), kind: kind(i))
    }

    public func target(_ i: Int) -> String {
        String(decoding: targetText(i), as: UTF8.self)
    }

    /// Link `i`'s target as UTF-8, without making a string.
    public func targetText(_ i: Int) -> ArraySlice<UInt8> {
        text[Int(entries[3 * i])..<Int(entries[3 * i + 1])]
    }

    /// Link `i`'s anchor text as UTF-8, without making a string.
    public func anchorText(_ i: Int) -> ArraySlice<UInt8> {
        text[Int(entries[3 * i + 1])..<(i + 1 < count ? Int(entries[3 * i + 3]) : text.count)]
    }

    public func line(_ i: Int) -> Int { Int(entries[3 * i + 2] >> 2) }
    public func kind(_ i: Int) -> Link.Kind { Link.Kind.allCases[Int(entries[3 * i + 2] & 3)] }
}
