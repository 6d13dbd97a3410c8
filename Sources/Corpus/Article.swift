import TermgraphCore

/// One article read from the corpus: its identity, its front matter and the links it makes.
public struct Article: Sendable, Equatable {
    /// Where the article was read: its file, relative to the corpus root with `/` separators,
    /// and the line it starts on (a file may hold many articles).
    public var source: ArticleSource
    /// The article's file, relative to the corpus root.
    public var path: String {
        get { source.file }
        set { source.file = newValue }
    }
    /// The slug from front matter, or the path form.
    public var slug: String
    /// The path form: the path without extension and without a trailing `/index` or `/_index`.
    public var pathSlug: String
    public var title: String
    public var description: String?
    public var keywords: [String]
    public var aliases: [String]
    /// The value under the configured category key, if any.
    public var category: String?
    public var attributes: [ArticleAttribute]
    public var links: LinkList
    /// The names a link's `#fragment` may give, collected only with `fragments: check` (§1d).
    public var anchors: AnchorSet

    /// The identity: slug trimmed of `/`, NFC, case-folded.
    public var key: String { TermKey.normalize(TermKey.trimSlashes(slug)) }
    /// The same made from the path form.
    public var pathKey: String { TermKey.normalize(TermKey.trimSlashes(pathSlug)) }

    public init(path: String, line: Int = 1, slug: String, pathSlug: String, title: String, description: String? = nil,
                keywords: [String] = [], aliases: [String] = [], category: String? = nil,
                attributes: [ArticleAttribute] = [], links: [Link] = [], anchors: AnchorSet = AnchorSet()) {
        self.source = ArticleSource(file: path, line: line)
        self.slug = slug
        self.pathSlug = pathSlug
        self.title = title
        self.description = description
        self.keywords = keywords
        self.aliases = aliases
        self.category = category
        self.attributes = attributes
        self.links = LinkList(links)
        self.anchors = anchors
    }

    /// The path form of a relative file path: `a/b/index.md` → `a/b`, `backoffice.md` → `backoffice`.
    public static func pathSlug(for path: String) -> String {
        var slug = Substring(path)
        if let dot = slug.lastIndex(of: "."), !slug[dot...].contains("/") { slug = slug[..<dot] }
        for suffix in ["/index", "/_index"] where slug.hasSuffix(suffix) {
            slug = slug.dropLast(suffix.count)
            break
        }
        return String(slug)
    }
}

/// Where an article was read: a file relative to the corpus root, and the line it starts on.
public struct ArticleSource: Sendable, Equatable {
    public var file: String
    public var line: Int

    public init(file: String, line: Int = 1) {
        self.file = file
        self.line = line
    }
}
