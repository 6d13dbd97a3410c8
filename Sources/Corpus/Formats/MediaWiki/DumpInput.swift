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

    private(set) var line = 1
    /// Lines of `<page` tags and of `<text>` contents not yet taken by the parser.
    var pageLines = LineQueue()
    var textLines = LineQueue()
    /// Lines where bytes were replaced, not yet claimed by a page.
    var replacedLines = LineQueue()

    // The tag scanner: after `<`, the bytes of the name so far; inside a `<text` tag until `>`.
    private var tagName: [UInt8] = []
    private var inTag = false
    private var inTextTag = false
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
        for byte in bytes {
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
                output.append(byte)
                if byte == 0x0A { line += 1 }
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

    /// Writes U+FFFD for the bytes of a broken sequence (or one bad byte) and notes the line.
    private func replace() {
        output += [0xEF, 0xBF, 0xBD]
        pending.removeAll(keepingCapacity: true)
        (needed, low, high) = (0, 0x80, 0xBF)
        if replacedLines.last != line { replacedLines.append(line) }
    }

    /// Follows `<page` and `<text …>` tags.
    @inline(__always) private func track(_ byte: UInt8) {
        if inTextTag {
            if byte == UInt8(ascii: ">") {
                inTextTag = false
                textLines.append(line)
            }
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
            if byte == UInt8(ascii: ">") { textLines.append(line) } else { inTextTag = true }
        }
        tagName = []
    }

    private static let page = Array("page".utf8), text = Array("text".utf8)
}

/// Line numbers in the order they were met, taken from the front.
struct LineQueue {
    private var lines: [Int] = []
    private var head = 0

    mutating func append(_ line: Int) {
        if head > 1024 && head * 2 > lines.count {
            lines.removeFirst(head)
            head = 0
        }
        lines.append(line)
    }

    var last: Int? { head < lines.count ? lines.last : nil }
    var first: Int? { head < lines.count ? lines[head] : nil }

    mutating func popFirst() -> Int? {
        guard head < lines.count else { return nil }
        head += 1
        return lines[head - 1]
    }
}
