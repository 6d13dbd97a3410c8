/// The bytes libxml2 parses, taken from a `DumpFile` and looked at once on the way:
///
/// - lines are counted, and the line of every `<page` tag and of the first character of every
///   `<text …>` element's content is queued, so that articles and links get exact lines
///   however far ahead of the reader libxml2 has parsed (its own line numbers stop at 65,535
///   for elements and lag behind for text);
/// - in a UTF-8 dump, an invalid byte sequence or a control character XML forbids (which would
///   end libxml2's parse for the whole file) becomes U+FFFD, and its line is queued so that the
///   page holding it can be reported.
///
/// - a `<!DOCTYPE …>` before the root, which no dump has, is left out (its line ends kept), so
///   that no entity is ever declared: neither a bomb nor an external entity can be expanded,
///   and a reference to one is only an undefined name.
///
/// A UTF-16 dump (a byte-order mark or a `<` followed by NUL) is passed through as it is: libxml2
/// decodes it, and lines come from libxml2.
final class DumpInput {
    private let file: DumpFile
    private var chunk: [UInt8] = []
    private var offset = 0
    private var output: [UInt8] = []
    private var outputStart = 0
    private var started = false
    /// UTF-8 (or another ASCII-compatible encoding): lines and tags are scanned.
    private(set) var scanned = true
    private var sanitized = true

    /// The first chunk names the `<mediawiki` root: a parse that fails before reaching it is
    /// still a dump's failure, not a file of another kind.
    private(set) var namesRoot = false

    /// The line of a `<!DOCTYPE` that was left out.
    private(set) var doctypeLine: Int?
    // Where a DOCTYPE starts in the first chunk, and the state of skipping it: inside its
    // internal subset (`[…]`), inside a quoted string (the quote).
    private var doctypeAt: Int?
    private var skippingDoctype = false
    private var inSubset = false
    private var quote: UInt8 = 0

    private(set) var line = 1
    private var lastWasCR = false
    /// Lines of `<page` tags and of `<text>` contents not yet taken by the parser.
    var pageLines = LineQueue<Int>()
    var textLines = LineQueue<Int>()
    /// Bytes read otherwise than written, not yet claimed by a page.
    var repairs = LineQueue<Repair>()

    /// Bytes the parser is given otherwise than they were written, so that it can go on.
    struct Repair: Equatable {
        enum Kind: Equatable {
            /// Bytes that were not UTF-8, or a control character, read as U+FFFD.
            case notUTF8
            /// An entity reference read as text.
            case entity(String)
            /// A `<text>` longer than `maximumTextBytes`, cut there.
            case oversizedText
        }

        var line: Int
        var kind: Kind
    }

    /// The most bytes of one `<text>` given to libxml2, which stops the whole parse at a text
    /// node of 10 MB; MediaWiki itself stores no page over 2 MB.
    static let maximumTextBytes = 8 << 20

    // Inside a `<text>` element's content: how many of its bytes have been seen.
    private var inText = false
    private var textBytes = 0
    private var textLine = 1

    // An `&` being looked at: the bytes after it so far.
    private var reference: [UInt8]?

    // The tag scanner: after `<`, the bytes of the name so far; inside a `<text` tag until `>`.
    private var tagName: [UInt8] = []
    private var inTag = false
    private var inTextTag = false
    private var previous: UInt8 = 0
    // The UTF-8 checker: continuation bytes still expected, and the range the next one must be in.
    private var pending: [UInt8] = []
    private var needed = 0
    private var low: UInt8 = 0x80, high: UInt8 = 0xBF

    init(_ file: DumpFile) {
        self.file = file
    }

    var failure: String? { file.failure }
    var checksum: UInt64? { file.checksum }

    /// Fills `buffer` with the next bytes for libxml2; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while outputStart == output.count {
            output.removeAll(keepingCapacity: true)
            outputStart = 0
            guard let next = file.next() else {
                if !pending.isEmpty { replace() }
                if let name = reference {
                    output += Array("&amp;".utf8) + name
                    reference = nil
                }
                if output.isEmpty { return 0 }
                break
            }
            if !started { start(next) }
            if scanned { scan(next) } else { output = next }
        }
        let count = min(buffer.count, output.count - outputStart)
        output.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + outputStart, byteCount: count)
        }
        outputStart += count
        return count
    }

    /// Decides from the first bytes whether they can be scanned, and whether as UTF-8.
    private func start(_ first: [UInt8]) {
        started = true
        let root = Array("<mediawiki".utf8)
        namesRoot = first.prefix(1 << 16).withUnsafeBufferPointer { bytes in
            bytes.count >= root.count && (0...(bytes.count - root.count)).contains { i in
                bytes[i] == root[0] && bytes[i..<(i + root.count)].elementsEqual(root)
            }
        }
        let doctype = Array("<!DOCTYPE".utf8)
        if let at = first.prefix(1 << 16).withUnsafeBufferPointer({ bytes in
            bytes.count >= doctype.count ? (0...(bytes.count - doctype.count)).first { i in
                bytes[i] == doctype[0] && bytes[i..<(i + doctype.count)].elementsEqual(doctype)
            } : nil
        }), !Self.startsElement(first[..<at]) {
            doctypeAt = at
        }
        if first.starts(with: [0xFF, 0xFE]) || first.starts(with: [0xFE, 0xFF]) || first.starts(with: [0x3C, 0])
            || first.starts(with: [0, 0x3C]) {
            scanned = false
            return
        }
        // An XML declaration that names an encoding other than UTF-8 is left to libxml2.
        let head = first.prefix(200)
        if head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")) {
            let declaration = String(decoding: head[..<end], as: UTF8.self).lowercased()
            if let range = declaration.range(of: "encoding") {
                let value = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                sanitized = value.hasPrefix("utf-8") || value.hasPrefix("utf8")
            }
        }
    }

    private func scan(_ bytes: [UInt8]) {
        output.reserveCapacity(bytes.count + 16)
        for (index, byte) in bytes.enumerated() {
            if doctypeAt == index && doctypeLine == nil {
                (skippingDoctype, doctypeLine, doctypeAt) = (true, line, nil)
            }
            if skippingDoctype {
                skipDoctype(byte)
                continue
            }
            if inText {
                if byte == UInt8(ascii: "<") {
                    inText = false
                } else {
                    textBytes += 1
                    if textBytes > Self.maximumTextBytes {
                        if textBytes == Self.maximumTextBytes + 1 { cutText() }
                        countLine(byte)
                        continue
                    }
                }
            }
            if byte >= 0x80 { lastWasCR = false }
            if needed > 0 {
                if byte >= low && byte <= high {
                    pending.append(byte)
                    needed -= 1
                    (low, high) = (0x80, 0xBF)
                    if needed == 0 {
                        output += pending
                        pending.removeAll(keepingCapacity: true)
                    }
                    continue
                }
                replace()
            }
            if byte < 0x80 {
                if byte < 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D && sanitized {
                    replace()
                    continue
                }
                if reference != nil || byte == UInt8(ascii: "&") {
                    entity(byte)
                    continue
                }
                output.append(byte)
                countLine(byte)
                track(byte)
            } else if !sanitized {
                output.append(byte)
            } else {
                switch byte {
                case 0xC2...0xDF: needed = 1
                case 0xE0: (needed, low) = (2, 0xA0)
                case 0xE1...0xEC, 0xEE...0xEF: needed = 2
                case 0xED: (needed, high) = (2, 0x9F)
                case 0xF0: (needed, low) = (3, 0x90)
                case 0xF1...0xF3: needed = 3
                case 0xF4: (needed, high) = (3, 0x8F)
                default:
                    replace()
                    continue
                }
                pending.append(byte)
            }
            if byte >= 0x80 && inTag && !inTextTag { (inTag, tagName) = (false, []) }
        }
    }

    /// Follows an `&`: a character reference or one of XML's five entities goes through; any
    /// other (no dump declares entities, and an undeclared one would end the parse) is written
    /// `&amp;name;`, read as text, and noted.
    private func entity(_ byte: UInt8) {
        guard var name = reference else {
            reference = []
            return
        }
        let isNameByte = (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "#")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        if isNameByte && name.count < 64 {
            name.append(byte)
            reference = name
            return
        }
        reference = nil
        if byte == UInt8(ascii: ";") && Self.isLineFeedReference(name) {
            // `&#10;` is a line of the text: written as one, so that lines stay the file's.
            output.append(0x0A)
            line += 1
            lastWasCR = false
            return
        }
        if byte == UInt8(ascii: ";") && (name.first == UInt8(ascii: "#") || Self.predefined.contains(name)) {
            output.append(UInt8(ascii: "&"))
            output += name
            output.append(byte)
            return
        }
        output += Array("&amp;".utf8)
        output += name
        if byte == UInt8(ascii: ";") && !name.isEmpty {
            let repair = Repair(line: line, kind: .entity(String(decoding: name, as: UTF8.self)))
            if repairs.last != repair { repairs.append(repair) }
        }
        // The byte after the name is read as any other.
        if byte == UInt8(ascii: "&") {
            reference = []
        } else {
            output.append(byte)
            countLine(byte)
            track(byte)
        }
    }

    /// XML's line ends, as its parser reads them: LF, CR LF, and a CR alone.
    @inline(__always) private func countLine(_ byte: UInt8) {
        if byte == 0x0D || (byte == 0x0A && !lastWasCR) { line += 1 }
        lastWasCR = byte == 0x0D
    }

    private static func isLineFeedReference(_ name: [UInt8]) -> Bool {
        let text = String(decoding: name, as: UTF8.self).lowercased()
        if text.hasPrefix("#x") { return UInt32(text.dropFirst(2), radix: 16) == 10 }
        return text.hasPrefix("#") && UInt32(text.dropFirst()) == 10
    }

    private static let predefined = ["amp", "lt", "gt", "quot", "apos"].map { Array($0.utf8) }

    /// Whether the bytes hold the start of an element (`<` and a letter): a DOCTYPE after one is
    /// not in the prolog.
    private static func startsElement(_ bytes: ArraySlice<UInt8>) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: "<") && ($1 | 0x20) >= 0x61 && ($1 | 0x20) <= 0x7A }
    }

    /// The text has reached its bound: what is half read is dropped, and the cut noted.
    private func cutText() {
        pending.removeAll(keepingCapacity: true)
        (needed, low, high) = (0, 0x80, 0xBF)
        reference = nil
        repairs.append(Repair(line: textLine, kind: .oversizedText))
    }

    /// One byte of the DOCTYPE being left out: only line ends are kept.
    private func skipDoctype(_ byte: UInt8) {
        if byte == 0x0A || byte == 0x0D { output.append(byte) }
        countLine(byte)
        if quote != 0 {
            if byte == quote { quote = 0 }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            quote = byte
        } else if byte == UInt8(ascii: "[") {
            inSubset = true
        } else if byte == UInt8(ascii: "]") {
            inSubset = false
        } else if byte == UInt8(ascii: ">") && !inSubset {
            skippingDoctype = false
        }
    }

    /// Writes U+FFFD for the bytes of a broken sequence (or one bad byte) and notes the line.
    private func replace() {
        output += [0xEF, 0xBF, 0xBD]
        pending.removeAll(keepingCapacity: true)
        (needed, low, high) = (0, 0x80, 0xBF)
        let repair = Repair(line: line, kind: .notUTF8)
        if repairs.last != repair { repairs.append(repair) }
    }

    /// Follows `<page` and `<text …>` tags.
    @inline(__always) private func track(_ byte: UInt8) {
        if inTextTag {
            if byte == UInt8(ascii: ">") {
                inTextTag = false
                textLines.append(line)
                (inText, textBytes, textLine) = (previous != UInt8(ascii: "/"), 0, line)
            }
            previous = byte
            return
        }
        if byte == UInt8(ascii: "<") {
            (inTag, tagName) = (true, [])
            return
        }
        guard inTag else { return }
        let ends = byte == UInt8(ascii: " ") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x0A
            || byte == 0x09 || byte == 0x0D
        if !ends {
            tagName.append(byte)
            if tagName.count > 4 { (inTag, tagName) = (false, []) }
            return
        }
        inTag = false
        if tagName == Self.page {
            pageLines.append(line)
        } else if tagName == Self.text {
            if byte == UInt8(ascii: ">") {
                textLines.append(line)
                (inText, textBytes, textLine) = (true, 0, line)
            } else {
                (inTextTag, previous) = (true, byte)
            }
        }
        tagName = []
    }

    private static let page = Array("page".utf8), text = Array("text".utf8)
}

/// Line numbers (or what was found on them) in the order they were met, taken from the front.
struct LineQueue<Element: Equatable> {
    private var lines: [Element] = []
    private var head = 0

    mutating func append(_ line: Element) {
        if head > 1024 && head * 2 > lines.count {
            lines.removeFirst(head)
            head = 0
        }
        lines.append(line)
    }

    var last: Element? { head < lines.count ? lines.last : nil }
    var first: Element? { head < lines.count ? lines[head] : nil }

    mutating func popFirst() -> Element? {
        guard head < lines.count else { return nil }
        head += 1
        return lines[head - 1]
    }
}
