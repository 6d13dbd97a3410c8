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
    /// The site's `link_patterns` (§1d), applied outside code, comments and links.
    public var linkPatterns: [LinkPattern]

    public init(categoryKey: String = "office", isVault: Bool = false, wikilinks: Bool = true, linkPatterns: [LinkPattern] = []) {
        self.categoryKey = categoryKey
        self.isVault = isVault
        self.wikilinks = wikilinks
        self.linkPatterns = linkPatterns
    }

    /// With `fragments: check`, how the anchors of each article are found; nil collects none.
    package var anchorPatterns: FragmentPatterns?

    public init(config: CorpusConfig) {
        self.init(categoryKey: config.categoryKey, isVault: config.links == .names, wikilinks: config.wikilinks,
                  linkPatterns: config.linkPatterns)
        anchorPatterns = config.fragments.compiled
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

    /// The one article in a Markdown file's bytes.
    public func read(_ bytes: [UInt8], path: String) throws(Problem) -> Article {
        let text = try TextDecoding.text(bytes, path: path)
        let block = try FrontMatterBlock(text, path: path)
        let body = text.utf8[block.bodyStart...]
        let scan = { (bytes: UnsafeBufferPointer<UInt8>) -> ([Link], AnchorSet) in
            let blocks = MarkdownBlocks(bytes, firstLine: block.bodyLine)
            let anchors = anchorPatterns.map { MarkdownAnchors.of(blocks, body: bytes, vault: isVault, patterns: $0) } ?? AnchorSet()
            return (LinkScanner.links(in: blocks, vault: isVault, patterns: linkPatterns, wikilinks: wikilinks), anchors)
        }
        let scanned = body.withContiguousStorageIfAvailable(scan) ?? Array(body).withUnsafeBufferPointer(scan)
        var links = scanned.0
        let anchors = scanned.1
        if !wikilinks { links.removeAll { $0.kind == .wikilink } }

        let fields = ArticleFields(block.frontMatter, categoryKey: categoryKey)
        let pathSlug = Article.pathSlug(for: path)
        let slug = fields.slug ?? pathSlug
        return Article(
            path: path, slug: slug, pathSlug: pathSlug,
            title: fields.title ?? firstHeading(String(Substring(body))) ?? (isVault ? Self.fileName(path) : slug),
            description: fields.description, keywords: fields.keywords, aliases: fields.aliases,
            category: fields.category, attributes: fields.attributes, links: links, anchors: anchors)
    }

    /// `a/b/Some Note.md` → `Some Note`: what a vault app shows as the name of a note.
    static func fileName(_ path: String) -> String {
        var name = path.split(separator: "/").last ?? Substring(path)
        if let dot = name.lastIndex(of: "."), dot > name.startIndex { name = name[..<dot] }
        return String(name)
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
