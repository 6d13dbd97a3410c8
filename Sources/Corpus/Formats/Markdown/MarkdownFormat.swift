import TermgraphCore

/// Markdown articles with optional YAML front matter: `.md` and `.markdown` files, and `.txt`
/// files that open with front matter (as the glossary's articles do).
///
/// ```swift
/// let article = try MarkdownFormat(categoryKey: "office").read(bytes, path: "backoffice.md")
/// ```
public struct MarkdownFormat: ArticleFormat {
    public var categoryKey: String

    public init(categoryKey: String = "office") {
        self.categoryKey = categoryKey
    }

    public init(config: CorpusConfig) {
        self.init(categoryKey: config.categoryKey)
    }

    public var extensions: [String] { [".md", ".markdown", ".txt"] }

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

    /// The one article in a Markdown file's bytes.
    public func read(_ bytes: [UInt8], path: String) throws(Problem) -> Article {
        let text = try TextDecoding.text(bytes, path: path)
        let block = try FrontMatterBlock(text, path: path)
        let body = text.utf8[block.bodyStart...]
        let links = body.withContiguousStorageIfAvailable { LinkScanner.links(in: $0, firstLine: block.bodyLine) }
            ?? Array(body).withUnsafeBufferPointer { LinkScanner.links(in: $0, firstLine: block.bodyLine) }

        let fields = ArticleFields(block.frontMatter, categoryKey: categoryKey)
        let pathSlug = Article.pathSlug(for: path)
        let slug = fields.slug ?? pathSlug
        return Article(
            path: path, slug: slug, pathSlug: pathSlug,
            title: fields.title ?? firstHeading(String(Substring(body))) ?? slug,
            description: fields.description, keywords: fields.keywords, aliases: fields.aliases,
            category: fields.category, attributes: fields.attributes, links: links)
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
