/// An article's links kept compactly in one byte buffer: a million-article corpus holds ten
/// million links while it is linked, and a dump's are all held until the last page is read.
///
/// Each link is an entry of variable-length numbers (LEB128) and bytes: a header (its line's
/// distance from the previous link's, its kind, and how its target is stored), its anchor text,
/// then its target — written out, or as the part of the anchor text it begins with (`[[Bank]]`,
/// `[[Bank]]s`, a wiki's `[[Bank account]]` whose target spells the spaces `_`) and the rest, or,
/// for a reference link, as the target of an earlier link to the same definition. After the
/// entries, one 32-bit offset per `blockSize` links, where the block's first entry starts: a
/// link is found by reading at most `blockSize - 1` entries before it, and a block's first entry
/// holds its line whole. A generated wiki page's eight links take 211 bytes, against 405 as five
/// words and two strings' bytes per link (`LinkListTests`).
public struct LinkList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// The entries and offsets: an array of their own, or a part of one shared by many lists
    /// (`LinkSlabs`).
    private var storage: [UInt8] = []
    /// Where the list lies in `storage`.
    private var start: UInt32 = 0
    private var end: UInt32 = 0
    private var linkCount: UInt32 = 0

    public var endIndex: Int { Int(linkCount) }

    /// The list's bytes.
    private var bytes: ArraySlice<UInt8> { storage[Int(start)..<Int(end)] }

    /// Links per block of the offset table.
    static let blockSize = 8

    /// How an entry's target is stored.
    private enum TargetForm: UInt8 {
        /// Its length and bytes.
        case written = 0
        /// A prefix of the anchor text (by its length), then the length and bytes of the rest.
        case textPrefix = 1
        /// The same, with the prefix's spaces spelled `_`.
        case textPrefixUnderscored = 2
        /// The same bytes as an earlier entry's written target: their offset and length.
        case earlier = 3
    }

    /// The links in order. A reference definition's target is stored once however many links
    /// use it: a 1 MB destination used by thousands of `[r]` is still 1 MB.
    public init(_ links: [Link] = []) {
        guard !links.isEmpty else { return }
        var entries: [UInt8] = []
        entries.reserveCapacity(Self.roomNeeded(links))
        Self.encode(links, into: &entries)
        // Copied to a buffer of its own size: the room reserved above is an upper bound, and
        // the list lives as long as its article.
        storage = [UInt8](unsafeUninitializedCapacity: entries.count) { buffer, count in
            count = entries.withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
        }
        (start, end, linkCount) = (0, UInt32(storage.count), UInt32(links.count))
    }

    /// `count` links encoded by `encode(_:into:)` at `range` of `storage`, a buffer of up to
    /// 4 GiB that many lists may share.
    init(encoded storage: [UInt8], at range: Range<Int>, count: Int) {
        self.storage = storage
        (start, end, linkCount) = (UInt32(range.lowerBound), UInt32(range.upperBound), UInt32(count))
    }

    /// At least the bytes `encode(_:into:)` writes for `links`.
    static func roomNeeded(_ links: [Link]) -> Int {
        links.reduce(0) { $0 + $1.target.utf8.count + $1.text.utf8.count + 16 } + 4 * blocks(links.count)
    }

    /// Appends the entries of `links`, then their blocks' offsets (from the first entry).
    static func encode(_ links: [Link], into entries: inout [UInt8]) {
        let first = entries.count
        var blockStarts: [UInt32] = []
        blockStarts.reserveCapacity(Self.blocks(links.count))
        var definitions: [String: (start: Int, count: Int)] = [:]
        var previousLine = 0
        for (i, link) in links.enumerated() {
            if i % Self.blockSize == 0 {
                blockStarts.append(UInt32(truncatingIfNeeded: entries.count - first))
                previousLine = 0
            }
            // Articles are at most 64 MiB, so a line number fits in 28 bits.
            let line = Int(UInt32(clamping: Swift.min(link.line, Int(UInt32.max >> 4))))
            let delta = line - previousLine
            previousLine = line
            let known = link.kind == .reference ? definitions[link.target] : nil
            var text = link.text, target = link.target
            text.withUTF8 { text in
                target.withUTF8 { target in
                    var form = TargetForm.written, shared = 0
                    if known != nil {
                        form = .earlier
                    } else if link.kind != .reference {
                        let plain = Self.sharedPrefix(text, target, underscored: false)
                        let underscored = Self.sharedPrefix(text, target, underscored: true)
                        // Worth it past two bytes: the prefix's length costs one or two.
                        if Swift.max(plain, underscored) > 2 {
                            form = underscored > plain ? .textPrefixUnderscored : .textPrefix
                            shared = Swift.max(plain, underscored)
                        }
                    }
                    let zigzag = UInt64(bitPattern: Int64(delta << 1) ^ Int64(delta >> 63))
                    Self.appendNumber(zigzag << 6 | UInt64(form.rawValue) << 4 | UInt64(link.kind.code), to: &entries)
                    Self.appendNumber(UInt64(text.count), to: &entries)
                    entries.append(contentsOf: text)
                    switch form {
                    case .written:
                        Self.appendNumber(UInt64(target.count), to: &entries)
                        if link.kind == .reference { definitions[link.target] = (entries.count - first, target.count) }
                        entries.append(contentsOf: target)
                    case .textPrefix, .textPrefixUnderscored:
                        Self.appendNumber(UInt64(shared), to: &entries)
                        Self.appendNumber(UInt64(target.count - shared), to: &entries)
                        entries.append(contentsOf: UnsafeBufferPointer(rebasing: target[shared...]))
                    case .earlier:
                        Self.appendNumber(UInt64(known!.start), to: &entries)
                        Self.appendNumber(UInt64(known!.count), to: &entries)
                    }
                }
            }
        }
        blockStarts.withUnsafeBytes { entries.append(contentsOf: $0) }
    }

    public init(arrayLiteral links: Link...) {
        self.init(links)
    }

    /// Adds `link` at the end. The list is made again: for a few links, not a corpus's.
    public mutating func append(_ link: Link) {
        self = LinkList(Array(self) + [link])
    }

    /// The same links, however they are stored.
    public static func == (a: LinkList, b: LinkList) -> Bool {
        a.elementsEqual(b)
    }

    public var startIndex: Int { 0 }

    /// The bytes the list keeps its links in.
    package var storedBytes: Int { bytes.count }

    public subscript(i: Int) -> Link {
        let entry = entry(i)
        return Link(target: String(decoding: target(of: entry), as: UTF8.self),
                    text: String(decoding: part(entry.text), as: UTF8.self), line: entry.line, kind: entry.kind)
    }

    public func target(_ i: Int) -> String {
        String(decoding: targetText(i), as: UTF8.self)
    }

    /// Link `i`'s target as UTF-8.
    public func targetText(_ i: Int) -> ArraySlice<UInt8> {
        target(of: entry(i))
    }

    /// Link `i`'s anchor text as UTF-8, without making a string.
    public func anchorText(_ i: Int) -> ArraySlice<UInt8> {
        part(entry(i).text)
    }

    public func line(_ i: Int) -> Int { entry(i).line }

    public func kind(_ i: Int) -> Link.Kind { entry(i).kind }

    // MARK: Entries

    /// One decoded entry: where its texts lie in `bytes`.
    private struct Decoded {
        var line: Int
        var kind: Link.Kind
        var form: TargetForm
        var text: Range<Int>
        /// A written or earlier target's bytes; for a text prefix, the rest after the prefix.
        var target: Range<Int>
        /// For a text prefix, its length.
        var shared: Int
    }

    private static func blocks(_ count: Int) -> Int { (count + blockSize - 1) / blockSize }

    /// The bytes at `range`, counted from the list's first byte.
    private func part(_ range: Range<Int>) -> ArraySlice<UInt8> {
        bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)]
    }

    private func target(of entry: Decoded) -> ArraySlice<UInt8> {
        switch entry.form {
        case .written, .earlier:
            return part(entry.target)
        case .textPrefix, .textPrefixUnderscored:
            var target = [UInt8]()
            target.reserveCapacity(entry.shared + entry.target.count)
            let prefix = part(entry.text.lowerBound..<(entry.text.lowerBound + entry.shared))
            if entry.form == .textPrefix {
                target += prefix
            } else {
                target += prefix.lazy.map { $0 == 0x20 ? UInt8(ascii: "_") : $0 }
            }
            target += part(entry.target)
            return target[...]
        }
    }

    /// Entry `i`, read from the start of its block.
    private func entry(_ i: Int) -> Decoded {
        precondition(i >= 0 && i < endIndex, "link index out of range")
        return bytes.withUnsafeBufferPointer { buffer in
            let block = i / Self.blockSize
            var position = Self.blockStart(block, in: buffer, links: endIndex)
            var line = 0
            for _ in (block * Self.blockSize)..<i { _ = Self.decodeEntry(buffer, at: &position, line: &line) }
            return Self.decodeEntry(buffer, at: &position, line: &line)
        }
    }

    /// Where block `block`'s first entry starts in `buffer`, the list's bytes.
    private static func blockStart(_ block: Int, in buffer: UnsafeBufferPointer<UInt8>, links: Int) -> Int {
        let table = buffer.count - 4 * blocks(links)
        return Int(UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: table + 4 * block, as: UInt32.self))
    }

    /// The entry at `position`, which is moved past it; `line` is the previous entry's line in
    /// the block (0 at a block's start) and becomes this one's.
    @inline(__always)
    private static func decodeEntry(_ buffer: UnsafeBufferPointer<UInt8>, at position: inout Int, line: inout Int) -> Decoded {
        let header = number(buffer, &position)
        let zigzag = Int(truncatingIfNeeded: header >> 6)
        line += (zigzag >> 1) ^ -(zigzag & 1)
        let textCount = Int(truncatingIfNeeded: number(buffer, &position))
        let text = position..<(position + textCount)
        position += textCount
        let form = TargetForm(rawValue: UInt8(header >> 4 & 3))!
        var shared = 0
        let target: Range<Int>
        switch form {
        case .written:
            let count = Int(truncatingIfNeeded: number(buffer, &position))
            target = position..<(position + count)
            position += count
        case .textPrefix, .textPrefixUnderscored:
            shared = Int(truncatingIfNeeded: number(buffer, &position))
            let count = Int(truncatingIfNeeded: number(buffer, &position))
            target = position..<(position + count)
            position += count
        case .earlier:
            let start = Int(truncatingIfNeeded: number(buffer, &position))
            target = start..<(start + Int(truncatingIfNeeded: number(buffer, &position)))
        }
        // Only `init` writes the code, always from a kind.
        return Decoded(line: line, kind: Link.Kind(code: UInt8(header & 15)) ?? .inline, form: form, text: text,
                       target: target, shared: shared)
    }

    // MARK: Reading in order

    /// One link as `entries` gives it: its texts as UTF-8, no strings made.
    public struct Entry: Sendable {
        /// Its place in the list.
        public let index: Int
        public let line: Int
        public let kind: Link.Kind
        public let anchorText: ArraySlice<UInt8>
        public let targetText: ArraySlice<UInt8>
        public var target: String { String(decoding: targetText, as: UTF8.self) }
    }

    /// The links in order, each entry read once: subscripting reads a link's block from its
    /// start, up to `blockSize - 1` entries before the one asked for.
    public var entries: Entries { Entries(list: self) }

    public struct Entries: Sequence, Sendable {
        let list: LinkList

        public func makeIterator() -> Iterator { Iterator(list: list) }

        public struct Iterator: IteratorProtocol {
            private let list: LinkList
            private var position = 0
            private var line = 0
            private var index = 0

            init(list: LinkList) {
                self.list = list
            }

            public mutating func next() -> Entry? {
                guard index < list.endIndex else { return nil }
                if index % LinkList.blockSize == 0 { line = 0 }
                let entry = list.bytes.withUnsafeBufferPointer { LinkList.decodeEntry($0, at: &position, line: &line) }
                defer { index += 1 }
                return Entry(index: index, line: entry.line, kind: entry.kind, anchorText: list.part(entry.text),
                             targetText: list.target(of: entry))
            }
        }
    }

    /// Reads the links in order (`for link in list`), each entry once.
    public func makeIterator() -> LazyMapSequence<Entries, Link>.Iterator {
        entries.lazy.map { Link(target: $0.target, text: String(decoding: $0.anchorText, as: UTF8.self), line: $0.line, kind: $0.kind) }
            .makeIterator()
    }

    /// How many bytes `text` and `target` begin with alike; `underscored`, with a space in the
    /// text standing for `_` in the target (and only for it).
    private static func sharedPrefix(_ text: UnsafeBufferPointer<UInt8>, _ target: UnsafeBufferPointer<UInt8>, underscored: Bool) -> Int {
        var n = 0
        let limit = Swift.min(text.count, target.count)
        while n < limit {
            let expected = underscored && text[n] == 0x20 ? UInt8(ascii: "_") : text[n]
            guard target[n] == expected else { break }
            n += 1
        }
        return n
    }

    private static func appendNumber(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    @inline(__always) private static func number(_ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = buffer[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}
