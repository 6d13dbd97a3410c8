import Graph

/// One article read from the corpus: its identity, its front matter and the links it makes.
public struct Article: Sendable, Equatable {
    /// Path relative to the corpus root, with `/` separators.
    public var path: String
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
    public var attributes: [NodeAttribute]
    public var links: LinkList

    /// The identity: slug trimmed of `/`, NFC, case-folded.
    public var key: String { TermKey.normalize(TermKey.trimSlashes(slug)) }
    /// The same made from the path form.
    public var pathKey: String { TermKey.normalize(TermKey.trimSlashes(pathSlug)) }

    public init(path: String, slug: String, pathSlug: String, title: String, description: String? = nil,
                keywords: [String] = [], aliases: [String] = [], category: String? = nil,
                attributes: [NodeAttribute] = [], links: [Link] = []) {
        self.path = path
        self.slug = slug
        self.pathSlug = pathSlug
        self.title = title
        self.description = description
        self.keywords = keywords
        self.aliases = aliases
        self.category = category
        self.attributes = attributes
        self.links = LinkList(links)
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
