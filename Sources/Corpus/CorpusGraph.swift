import Graph

/// The graph of a corpus together with what building it found: link counts and problems.
///
/// ```swift
/// let built = CorpusGraph(corpus)
/// built.graph.terms(.orphan)
/// ```
public struct CorpusGraph: Sendable {
    public private(set) var graph: KnowledgeGraph
    public let config: CorpusConfig
    /// The term lookup tables, when they were read from (or written to) the on-disk index.
    public internal(set) var termIndex: TermIndex?
    /// Internal link occurrences: to articles, to stubs, and to the article itself.
    public private(set) var linkCount = 0
    public private(set) var externalLinkCount = 0
    /// The corpus's problems, then duplicate slugs and wanted links found while building.
    public private(set) var problems: [Problem]

    /// A graph read back from the on-disk index.
    init(graph: KnowledgeGraph, linkCount: Int, externalLinkCount: Int, problems: [Problem], config: CorpusConfig, termIndex: TermIndex?) {
        self.graph = graph
        self.termIndex = termIndex
        self.linkCount = linkCount
        self.externalLinkCount = externalLinkCount
        self.problems = problems
        self.config = config
    }

    /// The articles that become nodes: the first of each slug key in path order, and a
    /// problem for every later one.
    public static func uniqueArticles(_ corpus: Corpus) -> (articles: [Article], duplicates: [Problem]) {
        var firstByKey: [String: String] = [:]
        var articles: [Article] = []
        var duplicates: [Problem] = []
        articles.reserveCapacity(corpus.articles.count)
        for article in corpus.articles {
            let key = article.key
            if let first = firstByKey[key] {
                duplicates.append(Problem(file: article.path, kind: .duplicateSlug,
                                          message: "slug \"\(article.slug)\" is also the slug of \(first), which is kept"))
                continue
            }
            firstByKey[key] = article.path
            articles.append(article)
        }
        return (articles, duplicates)
    }

    public init(_ corpus: Corpus) {
        let (articles, duplicates) = Self.uniqueArticles(corpus)
        var problems = corpus.problems + duplicates
        let resolver = LinkResolver(articles: articles, config: corpus.config)
        self.config = corpus.config

        let categoryIndex = Dictionary(corpus.config.categories.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var nodes: [Node] = articles.map { article in
            Node(slug: article.slug, key: article.key, title: article.title, description: article.description,
                 keywords: article.keywords, aliases: article.aliases,
                 category: article.category.flatMap { categoryIndex[$0] },
                 path: article.path, attributes: article.attributes)
        }

        // Edges and stubs. Anchor texts are kept in first-seen order; a stub's label is the anchor
        // used most often for it, ties to the first seen.
        struct Wanted { var node: Int32; var written: String; var anchorCounts: [String: Int] = [:]; var anchorOrder: [String] = [] }
        var wanted: [String: Wanted] = [:]
        var edgeIndex: [UInt64: Int] = [:]
        var edges: [EdgeRecord] = []
        var links = 0, external = 0
        // Popular targets are written the same way many times: resolve each spelling once.
        // A relative target depends on the linking file's folder, so it is cached per folder.
        var resolved: [String: LinkTarget] = [:]
        for (source, article) in articles.enumerated() {
            let folder = article.path.lastIndex(of: "/").map { String(article.path[..<$0]) } ?? ""
            for link in article.links {
                let target: Int32
                let cacheKey = link.kind == .wikilink ? "[[" + link.target
                    : link.target.hasPrefix("/") ? link.target : folder + "\u{0}" + link.target
                let resolution: LinkTarget
                if let known = resolved[cacheKey] {
                    resolution = known
                } else {
                    resolution = resolver.resolve(link.target, from: article.path, kind: link.kind)
                    resolved[cacheKey] = resolution
                }
                switch resolution {
                case .external:
                    external += 1
                    continue
                case .none:
                    links += 1
                    continue
                case .article(let i):
                    links += 1
                    target = Int32(i)
                case let .wanted(key, written):
                    links += 1
                    problems.append(Problem(file: article.path, line: link.line, kind: .wantedLink,
                                            message: "link to \"\(link.target)\" matches no article"))
                    if wanted[key] == nil {
                        wanted[key] = Wanted(node: Int32(nodes.count), written: written)
                        nodes.append(Node(slug: written, key: key, title: written, isStub: true))
                    }
                    if !link.text.isEmpty {
                        if wanted[key]!.anchorCounts[link.text] == nil { wanted[key]!.anchorOrder.append(link.text) }
                        wanted[key]!.anchorCounts[link.text, default: 0] += 1
                    }
                    target = wanted[key]!.node
                }
                if target == Int32(source) { continue }
                let pair = UInt64(UInt32(source)) << 32 | UInt64(UInt32(target))
                if let e = edgeIndex[pair] {
                    edges[e].weight += 1
                    if !link.text.isEmpty && !edges[e].anchors.contains(link.text) { edges[e].anchors.append(link.text) }
                } else {
                    edgeIndex[pair] = edges.count
                    edges.append(EdgeRecord(source: Int32(source), target: target, weight: 1, anchors: link.text.isEmpty ? [] : [link.text]))
                }
            }
        }
        for stub in wanted.values {
            var best: String?
            var bestCount = 0
            for anchor in stub.anchorOrder where stub.anchorCounts[anchor]! > bestCount {
                best = anchor
                bestCount = stub.anchorCounts[anchor]!
            }
            if let best { nodes[Int(stub.node)].title = best }
        }
        self.linkCount = links
        self.externalLinkCount = external
        self.problems = problems

        var graph = KnowledgeGraph(nodes: nodes, edges: edges, categoryNames: corpus.config.categories.map(\.name),
                                   title: corpus.config.title, language: corpus.config.language)
        var hubs: [Int: Int] = [:]
        for (category, entry) in corpus.config.categories.enumerated() {
            let key = TermKey.normalize(TermKey.trimSlashes(entry.hub))
            if let v = graph.index(ofKey: key), !graph.nodes[v].isStub, hubs[v] == nil { hubs[v] = category }
        }
        graph.inferCategories(hubs: hubs)
        self.graph = graph
    }
}
