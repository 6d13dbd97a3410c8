import Glibc
import Graph

/// Turns the bytes of one file into an `Article`, or the problem that stops it from being one.
///
/// ```swift
/// let article = try ArticleReader(categoryKey: "office").read(bytes, path: "backoffice.md")
/// ```
public struct ArticleReader: Sendable {
    public var categoryKey: String

    public init(categoryKey: String = "office") {
        self.categoryKey = categoryKey
    }

    /// Keys the contract gives a meaning to; every other key is kept as an attribute.
    private static let knownKeys: Set<String> = ["title", "description", "keywords", "slug", "aliases"]

    public func read(_ bytes: [UInt8], path: String) throws(Problem) -> Article {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw Problem(file: path, line: 1, kind: .encoding, message: "file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
        }
        if bytes.withUnsafeBytes({ !$0.isEmpty && memchr($0.baseAddress!, 0, $0.count) != nil }) {
            throw Problem(file: path, line: lineOf(firstNULIn: bytes), kind: .binary, message: "file holds NUL bytes; it is not a text article")
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(file: path, line: lineOfFirstInvalidUTF8(bytes), kind: .encoding, message: "file is not valid UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.withUTF8({ !$0.isEmpty && memchr($0.baseAddress!, 0x0D, $0.count) != nil }) { text = text.replacingCRLF() }

        var frontMatter = FrontMatter()
        var bodyStart = text.utf8.startIndex
        var bodyLine = 1
        if let (yaml, end, lines) = splitFrontMatter(text) {
            switch Result(catching: { () throws(FrontMatterError) in try FrontMatter.parse(yaml: yaml, firstLine: 2) }) {
            case .success(let parsed): frontMatter = parsed
            case .failure(let error): throw Problem(file: path, line: error.line, kind: .frontMatter, message: error.message)
            }
            bodyStart = end
            bodyLine = lines + 1
        } else if text.hasPrefix("---\n") || text == "---" {
            throw Problem(file: path, line: 1, kind: .frontMatter, message: "front matter opened with --- is never closed")
        }

        let body = text.utf8[bodyStart...]
        let links = body.withContiguousStorageIfAvailable { LinkScanner.links(in: $0, firstLine: bodyLine) }
            ?? Array(body).withUnsafeBufferPointer { LinkScanner.links(in: $0, firstLine: bodyLine) }

        let pathSlug = Article.pathSlug(for: path)
        var slug = pathSlug
        if case .text(let value)? = frontMatter["slug"], !value.trimmingSpaces.isEmpty { slug = value.trimmingSpaces }
        var title: String?
        if case .text(let value)? = frontMatter["title"], !value.trimmingSpaces.isEmpty { title = value.trimmingSpaces }
        var description: String?
        if case .text(let value)? = frontMatter["description"], !value.trimmingSpaces.isEmpty { description = value.trimmingSpaces }
        var category: String?
        if case .text(let value)? = frontMatter[categoryKey], !value.trimmingSpaces.isEmpty { category = value.trimmingSpaces }

        var attributes: [NodeAttribute] = []
        for (key, value) in frontMatter.entries where !Self.knownKeys.contains(key) && key != categoryKey {
            switch value {
            case .text(let text): attributes.append(NodeAttribute(name: key, value: .text(text)))
            case .list(let items): attributes.append(NodeAttribute(name: key, value: .list(items)))
            }
        }
        return Article(
            path: path, slug: slug, pathSlug: pathSlug,
            title: title ?? firstHeading(String(Substring(body))) ?? slug,
            description: description,
            keywords: listValue(frontMatter["keywords"]),
            aliases: listValue(frontMatter["aliases"]),
            category: category, attributes: attributes, links: links)
    }

    /// The YAML text, the index where the body starts, and how many lines the front matter spans.
    private func splitFrontMatter(_ text: String) -> (String, String.UTF8View.Index, Int)? {
        let utf8 = text.utf8
        guard utf8.starts(with: "---\n".utf8) else { return nil }
        var lineStart = utf8.index(utf8.startIndex, offsetBy: 4)
        var lines = 1
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            lines += 1
            let line = utf8[lineStart..<lineEnd]
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                let yaml = String(Substring(utf8[utf8.index(utf8.startIndex, offsetBy: 4)..<lineStart]))
                let bodyStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
                return (yaml, bodyStart, lines)
            }
            if lineEnd == utf8.endIndex { break }
            lineStart = utf8.index(after: lineEnd)
        }
        return nil
    }

    /// `keywords` and `aliases`: a YAML list, or one comma-separated string; items trimmed.
    private func listValue(_ value: FrontMatter.Value?) -> [String] {
        let items: [String]
        switch value {
        case .text(let text)?: items = text.split(separator: ",").map(String.init)
        case .list(let list)?: items = list
        case nil: items = []
        }
        return items.map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    private func firstHeading(_ body: String) -> String? {
        var inFence = false
        for line in body.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, line.hasPrefix("# ") else { continue }
            var heading = line.dropFirst(2)
            while heading.last == "#" || heading.last == " " { heading = heading.dropLast() }
            let title = String(heading).trimmingSpaces
            if !title.isEmpty { return title }
        }
        return nil
    }

    private func lineOf(firstNULIn bytes: [UInt8]) -> Int {
        let index = bytes.firstIndex(of: 0) ?? 0
        return 1 + bytes[..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var line = 1, lineStart = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[lineStart..<i], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = i + 1
        }
        return line
    }
}

extension String {
    func replacingCRLF() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var previousCR = false
        for byte in utf8 {
            if previousCR && byte != 0x0A { bytes.append(0x0A) }
            previousCR = byte == 0x0D
            if !previousCR { bytes.append(byte) }
        }
        if previousCR { bytes.append(0x0A) }
        return String(decoding: bytes, as: UTF8.self)
    }

}
