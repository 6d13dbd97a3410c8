/// An article's links kept compactly: every target and anchor text in one byte buffer, and
/// five words per link. A million-article corpus holds ten million links while it is linked;
/// as separate strings they would take twice the memory.
public struct LinkList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// The links' targets and anchor texts, as UTF-8.
    private var text: [UInt8] = []
    /// Per link, five words: where its target starts and ends in `text`, where its anchor text
    /// starts and ends, and its line × 16 + kind code.
    private var entries: [UInt32] = []

    /// The links in order. A reference definition's target is stored once however many links
    /// use it: a 1 MB destination used by thousands of `[r]` is still 1 MB.
    public init(_ links: [Link] = []) {
        entries.reserveCapacity(5 * links.count)
        // Room for every text at once: grown by doubling, the buffer would be up to twice its
        // bytes for the life of the article.
        text.reserveCapacity(links.reduce(0) { $0 + $1.target.utf8.count + $1.text.utf8.count })
        var definitions: [String: (UInt32, UInt32)] = [:]
        for link in links {
            if link.kind == .reference, let (start, end) = definitions[link.target] {
                append(link, target: (start, end))
            } else {
                append(link)
                if link.kind == .reference { definitions[link.target] = (entries[entries.count - 5], entries[entries.count - 4]) }
            }
        }
    }

    public init(arrayLiteral links: Link...) {
        self.init(links)
    }

    public mutating func append(_ link: Link) {
        let start = UInt32(text.count)
        text.append(contentsOf: link.target.utf8)
        append(link, target: (start, UInt32(text.count)))
    }

    /// Appends `link` with its target already in `text` at `target`.
    private mutating func append(_ link: Link, target: (UInt32, UInt32)) {
        entries.append(target.0)
        entries.append(target.1)
        entries.append(UInt32(text.count))
        text.append(contentsOf: link.text.utf8)
        entries.append(UInt32(text.count))
        // Articles are at most 64 MiB, so a line number fits in 28 bits.
        entries.append(UInt32(clamping: Swift.min(link.line, Int(UInt32.max >> 4))) << 4 | UInt32(link.kind.code))
    }

    /// The same links, however they are stored.
    public static func == (a: LinkList, b: LinkList) -> Bool {
        a.elementsEqual(b)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count / 5 }

    public subscript(i: Int) -> Link {
        Link(target: target(i), text: String(decoding: anchorText(i), as: UTF8.self), line: line(i), kind: kind(i))
    }

    public func target(_ i: Int) -> String {
        String(decoding: targetText(i), as: UTF8.self)
    }

    /// Link `i`'s target as UTF-8, without making a string.
    public func targetText(_ i: Int) -> ArraySlice<UInt8> {
        text[Int(entries[5 * i])..<Int(entries[5 * i + 1])]
    }

    /// Link `i`'s anchor text as UTF-8, without making a string.
    public func anchorText(_ i: Int) -> ArraySlice<UInt8> {
        text[Int(entries[5 * i + 2])..<Int(entries[5 * i + 3])]
    }

    public func line(_ i: Int) -> Int { Int(entries[5 * i + 4] >> 4) }
    // Only `append` writes the code, always from a kind.
    public func kind(_ i: Int) -> Link.Kind { Link.Kind(code: UInt8(entries[5 * i + 4] & 15)) ?? .inline }
}
