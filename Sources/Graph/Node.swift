import TermgraphCore
/// A term in the graph: an article, or a stub standing for a wanted term nobody has written yet.
public struct Node: Sendable, Equatable {
    /// The slug as written (front matter, file path, or for a stub the link target's last form).
    public var slug: String
    /// The identity used for ordering and lookup: the slug trimmed of `/`, NFC, case-folded.
    public var key: String
    /// The title; for a stub, the anchor text most often used for it.
    public var title: String
    public var description: String?
    public var keywords: [String]
    public var aliases: [String]
    /// Index into `KnowledgeGraph.categoryNames`, explicit or inferred.
    public var category: Int? {
        get { categoryIndex < 0 ? nil : Int(categoryIndex) }
        set { categoryIndex = newValue.map { Int32(clamping: $0) } ?? -1 }
    }
    /// The category as 32 bits, -1 for none: next to the two flags it leaves a node 8 bytes
    /// smaller than an optional `Int` would, and a dump has millions of nodes.
    private var categoryIndex: Int32 = -1
    public var categoryInferred: Bool
    public var isStub: Bool
    /// The article's file, relative to the corpus root.
    public var path: String?
    /// Front-matter keys the contract does not name, kept for exports, in their original order.
    public var attributes: [NodeAttribute]

    public init(
        slug: String, key: String, title: String, description: String? = nil, keywords: [String] = [],
        aliases: [String] = [], category: Int? = nil, categoryInferred: Bool = false, isStub: Bool = false,
        path: String? = nil, attributes: [NodeAttribute] = []
    ) {
        self.slug = slug
        self.key = key
        self.title = title
        self.description = description
        self.keywords = keywords
        self.aliases = aliases
        self.categoryIndex = category.map { Int32(clamping: $0) } ?? -1
        self.categoryInferred = categoryInferred
        self.isStub = isStub
        self.path = path
        self.attributes = attributes
    }
}

/// A front-matter value kept under its original key: text, or a list of texts.
public struct NodeAttribute: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}
