import TermgraphCore

/// Markdown articles with optional YAML front matter: `.md` and `.markdown` files, and `.txt`
/// files that open with front matter (as the glossary's articles do).
///
/// ```swift
/// let article = try MarkdownFormat(categoryKey: "office").read(bytes, path: "backoffice.md")
/// ```
public struct MarkdownFormat: ArticleFormat {
    public var categoryKey: String
    /// Whether the files are a vault's notes (§1a): embeds and `%%comments%%` are read, only
    /// `.md` and `.markdown` files are notes, and a note without title or heading is titled by
    /// its file name, as vault apps show it.
    public var isVault: Bool
    /// Whether `[[…]]` makes a link; with `wikilinks: false` it is plain text.
    public var wikilinks: Bool

    public init(categoryKey: String = "office", isVault: Bool = false, wikilinks: Bool = true) {
        self.categoryKey = categoryKey
        self.isVault = isVault
        self.wikilinks = wikilinks
    }

    public init(config: CorpusConfig) {
        self.init(categoryKey: config.categoryKey, isVault: config.links == .names, wikilinks: config.wikilinks)
    }

    public var extensions: [String] { isVault ? [".md", ".markdown"] : [".md", ".markdown", ".txt"] }

    public var maximumFileBytes: Int { 64 << 20 }

    public func articles(in bytes: [UInt8], path: String) throws(Problem) -> [Article] {
        // A .txt file is an article only when it opens with front matter.
        if path.lowercased().hasSuffix(".txt") && !Self.opensFrontMatter(bytes) { return [] }
        return [try read(bytes, path: path)]
    }

    static func opensFrontMatter(_ bytes: [UInt8]) -> Bool {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        return body.starts(with: "---\n".utf8) || body.starts(with: "---\r\n".utf8)
    }

    /// Keys the contract gives a meaning to; every other key is kept as an attribute.
    private static let knownKeys: Set<String> = ["title", "description", "keywords", "slug", "aliases"]

    /// The one article in a Markdown file's bytes.
    public func read(_ bytes: [UInt8], path: String) throws(Problem) -> Article {
        let text = try TextDecoding.text(bytes, path: path)

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
        var links = body.withContiguousStorageIfAvailable { LinkScanner.links(in: $0, firstLine: bodyLine, vault: isVault) }
            ?? Array(body).withUnsafeBufferPointer { LinkScanner.links(in: $0, firstLine: bodyLine, vault: isVault) }
        if !wikilinks { links.removeAll { $0.kind == .wikilink } }

        let pathSlug = Article.pathSlug(for: path)
        var slug = pathSlug
        if case .text(let value)? = frontMatter["slug"], !value.trimmingSpaces.isEmpty { slug = value.trimmingSpaces }
        var title: String?
        if case .text(let value)? = frontMatter["title"], !value.trimmingSpaces.isEmpty { title = value.trimmingSpaces }
        var description: String?
        if case .text(let value)? = frontMatter["description"], !value.trimmingSpaces.isEmpty { description = value.trimmingSpaces }
        var category: String?
        if case .text(let value)? = frontMatter[categoryKey], !value.trimmingSpaces.isEmpty { category = value.trimmingSpaces }

        var attributes: [ArticleAttribute] = []
        for (key, value) in frontMatter.entries where !Self.knownKeys.contains(key) && key != categoryKey {
            switch value {
            case .text(let text): attributes.append(ArticleAttribute(name: key, value: .text(text)))
            case .list(let items): attributes.append(ArticleAttribute(name: key, value: .list(items)))
            }
        }
        return Article(
            path: path, slug: slug, pathSlug: pathSlug,
            title: title ?? firstHeading(String(Substring(body))) ?? (isVault ? Self.fileName(path) : slug),
            description: description,
            keywords: listValue(frontMatter["keywords"]),
            aliases: listValue(frontMatter["aliases"]),
            category: category, attributes: attributes, links: links)
    }

    /// `a/b/Some Note.md` → `Some Note`: what a vault app shows as the name of a note.
    static func fileName(_ path: String) -> String {
        var name = path.split(separator: "/").last ?? Substring(path)
        if let dot = name.lastIndex(of: "."), dot > name.startIndex { name = name[..<dot] }
        return String(name)
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
}
