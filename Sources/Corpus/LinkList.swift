/// An article's links kept compactly: every target and anchor text in one byte buffer, and
/// five words per link at its end. A million-article corpus holds ten million links while it is
/// linked; as separate strings they would take twice the memory, and as two buffers an article
/// one more allocation.
public struct LinkList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// The links' targets and anchor texts, as UTF-8; then, per link, five native-order words:
    /// where its target starts and ends in the buffer, where its anchor text starts and ends,
    /// and its line × 16 + kind code.
    private var bytes: [UInt8] = []
    public private(set) var endIndex = 0

    /// The links in order. A reference definition's target is stored once however many links
    /// use it: a 1 MB destination used by thousands of `[r]` is still 1 MB.
    public init(_ links: [Link] = []) {
        var entries: [UInt32] = []
        entries.reserveCapacity(5 * links.count)
        // Room for every text and word at once: grown by doubling, the buffer would be up to
        // twice its bytes for the life of the article.
        bytes.reserveCapacity(links.reduce(0) { $0 + $1.target.utf8.count + $1.text.utf8.count } + 20 * links.count)
        var definitions: [String: (UInt32, UInt32)] = [:]
        for link in links {
            let target: (UInt32, UInt32)
            if link.kind == .reference, let known = definitions[link.target] {
                target = known
            } else {
                target = (UInt32(bytes.count), UInt32(bytes.count + link.target.utf8.count))
                bytes.append(contentsOf: link.target.utf8)
                if link.kind == .reference { definitions[link.target] = target }
            }
            entries.append(target.0)
            entries.append(target.1)
            entries.append(UInt32(bytes.count))
            bytes.append(contentsOf: link.text.utf8)
            entries.append(UInt32(bytes.count))
            // Articles are at most 64 MiB, so a line number fits in 28 bits.
            entries.append(UInt32(clamping: Swift.min(link.line, Int(UInt32.max >> 4))) << 4 | UInt32(link.kind.code))
        }
        entries.withUnsafeBytes { bytes.append(contentsOf: $0) }
        endIndex = links.count
    }

    public init(arrayLiteral links: Link...) {
        self.init(links)
    }

    /// Adds `link` at the end. The list is made again: for a few links, not a corpus's.
    public mutating func append(_ link: Link) {
        self = LinkList(Array(self) + [link])
    }

    /// Word `field` of link `i`'s five.
    @inline(__always) private func word(_ i: Int, _ field: Int) -> Int {
        let offset = bytes.count - 20 * endIndex + 4 * (5 * i + field)
        return Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) })
    }

    /// The same links, however they are stored.
    public static func == (a: LinkList, b: LinkList) -> Bool {
        a.elementsEqual(b)
    }

    public var startIndex: Int { 0 }

    public subscript(i: Int) -> Link {
        Link(target: target(i), text: String(decoding: anchorText(i), as: UTF8.self), line: line(i), kind: kind(i))
    }

    public func target(_ i: Int) -> String {
        String(decoding: targetText(i), as: UTF8.self)
    }

    /// Link `i`'s target as UTF-8, without making a string.
    public func targetText(_ i: Int) -> ArraySlice<UInt8> {
        bytes[word(i, 0)..<word(i, 1)]
    }

    /// Link `i`'s anchor text as UTF-8, without making a string.
    public func anchorText(_ i: Int) -> ArraySlice<UInt8> {
        bytes[word(i, 2)..<word(i, 3)]
    }

    public func line(_ i: Int) -> Int { word(i, 4) >> 4 }
    // Only `init` writes the code, always from a kind.
    public func kind(_ i: Int) -> Link.Kind { Link.Kind(code: UInt8(word(i, 4) & 15)) ?? .inline }
}
