import TermgraphCore
import TermgraphCorpus
import TermgraphGraph

/// The graph of a corpus together with what building it found: link counts and problems.
///
/// ```swift
/// let built = CorpusGraph(corpus)
/// built.graph.terms(.orphan)
/// ```
public struct CorpusGraph: Sendable {
    public private(set) var graph: KnowledgeGraph
    public let config: CorpusConfig
    /// Internal link occurrences: to articles, to stubs, and to the article itself.
    public private(set) var linkCount = 0
    public private(set) var externalLinkCount = 0
    /// The corpus's problems, then duplicate slugs and wanted links found while building.
    public private(set) var problems: [Problem]

    /// A graph read back from the on-disk index.
    package init(graph: KnowledgeGraph, linkCount: Int, externalLinkCount: Int, problems: [Problem], config: CorpusConfig) {
        self.graph = graph
        self.linkCount = linkCount
        self.externalLinkCount = externalLinkCount
        self.problems = problems
        self.config = config
    }

    /// The articles that become nodes: the first of each slug key in path order, and a
    /// problem for every later one.
    public static func uniqueArticles(_ corpus: Corpus) -> (articles: [Article], duplicates: [Problem]) {
        let unique = uniqueArticles(corpus, keys: corpus.articles.map(\.key))
        return (unique.articles, unique.duplicates)
    }

    /// The same, given every article's key; also gives the kept articles' keys. When no slug
    /// repeats (the usual case) the corpus's own array is returned, not a copy.
    static func uniqueArticles(_ corpus: Corpus, keys: [String]) -> (articles: [Article], keys: [String], duplicates: [Problem]) {
        var firstByKey: [String: Int] = [:]
        firstByKey.reserveCapacity(keys.count)
        var later: [Int] = []
        for (i, key) in keys.enumerated() {
            if firstByKey[key] == nil { firstByKey[key] = i } else { later.append(i) }
        }
        guard !later.isEmpty else { return (corpus.articles, keys, []) }
        let duplicates = later.map { i in
            Problem(file: corpus.articles[i].path, kind: .duplicateSlug,
                    message: "slug \"\(corpus.articles[i].slug)\" is also the slug of \(corpus.articles[firstByKey[keys[i]]!].path), which is kept")
        }
        let dropped = Set(later)
        let kept = corpus.articles.indices.filter { !dropped.contains($0) }
        return (kept.map { corpus.articles[$0] }, kept.map { keys[$0] }, duplicates)
    }

    public init(_ corpus: Corpus) {
        // Every article's two keys, worked out once, on every core.
        let all = corpus.articles
        let keyChunks = Parallel.map(Parallel.slices(all.count, minimum: 256), chunk: 1) { range in
            range.map { (key: all[$0].key, pathKey: all[$0].pathKey) }
        }.joined()
        let (articles, keys, duplicates) = Self.uniqueArticles(corpus, keys: keyChunks.map(\.key))
        let pathKeys = duplicates.isEmpty ? keyChunks.map(\.pathKey) : articles.map(\.pathKey)
        var problems = corpus.problems + duplicates
        let resolver = LinkResolver(articles: articles, keys: keys, pathKeys: pathKeys, config: corpus.config)
        self.config = corpus.config

        let categoryIndex = Dictionary(corpus.config.categories.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var nodes: [Node] = zip(articles, keys).map { article, key in
            Node(slug: article.slug, key: key, title: article.title, description: article.description,
                 keywords: article.keywords, aliases: article.aliases,
                 category: article.category.flatMap { categoryIndex[$0] },
                 path: article.path, attributes: article.attributes.map(NodeAttribute.init))
        }

        // Links are resolved and merged into edges article by article on every core; stubs are
        // then numbered in the order their first link is met. Anchor texts are kept in first-seen
        // order; a stub's label is the anchor used most often for it, ties to the first seen.
        let chunks = Parallel.slices(articles.count, minimum: 256)
        let resolved = Parallel.map(chunks, chunk: 1) { range in
            Self.resolveLinks(of: range, in: articles, resolver: resolver)
        }
        struct Wanted { var node: Int32; var anchorCounts: [String: Int] = [:]; var anchorOrder: [String] = [] }
        var wanted: [String: Wanted] = [:]
        var edges: [EdgeRecord] = []
        var anchors = AnchorLists.Builder()
        var links = 0, external = 0
        for (range, chunk) in zip(chunks, resolved) {
            for (source, article) in zip(range, chunk) {
                let list = articles[source].links
                links += article.links
                external += article.external
                for (k, edge) in article.edges.enumerated() {
                    edges.append(EdgeRecord(source: Int32(source), target: edge.target, weight: edge.weight))
                    let own = Int(article.anchorStart[k])..<Int(article.anchorStart[k + 1])
                    anchors.startList(count: own.count)
                    for link in article.anchorLinks[own] { anchors.addText(list.anchorText(Int(link))) }
                    anchors.endList()
                }
                // Each stub this article links to: its edge, and the links whose anchor texts it keeps.
                var stubEdges: [Int32: Int] = [:]
                var stubAnchors: [[Int]] = []
                for (i, key, written) in article.wanted {
                    let link = list[i]
                    problems.append(Problem(file: articles[source].path, line: link.line, kind: .wantedLink,
                                            message: "link to \"\(link.target)\" matches no article"))
                    if wanted[key] == nil {
                        wanted[key] = Wanted(node: Int32(nodes.count))
                        nodes.append(Node(slug: written, key: key, title: written, isStub: true))
                    }
                    let stub = wanted[key]!.node
                    if !link.text.isEmpty {
                        if wanted[key]!.anchorCounts[link.text] == nil { wanted[key]!.anchorOrder.append(link.text) }
                        wanted[key]!.anchorCounts[link.text, default: 0] += 1
                    }
                    if let k = stubEdges[stub] {
                        edges[edges.count - stubAnchors.count + k].weight += 1
                        if !link.text.isEmpty && !stubAnchors[k].contains(where: { Self.sameText(list.anchorText($0), list.anchorText(i)) }) {
                            stubAnchors[k].append(i)
                        }
                    } else {
                        stubEdges[stub] = stubAnchors.count
                        stubAnchors.append(link.text.isEmpty ? [] : [i])
                        edges.append(EdgeRecord(source: Int32(source), target: stub))
                    }
                }
                for texts in stubAnchors {
                    anchors.startList(count: texts.count)
                    for link in texts { anchors.addText(list.anchorText(link)) }
                    anchors.endList()
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

        var graph = KnowledgeGraph(nodes: nodes, edges: edges, anchors: anchors.build(), categoryNames: corpus.config.categories.map(\.name),
                                   title: corpus.config.title, language: corpus.config.language)
        var hubs: [Int: Int] = [:]
        for (category, entry) in corpus.config.categories.enumerated() {
            let key = TermKey.normalize(TermKey.trimSlashes(entry.hub))
            if let v = graph.index(ofKey: key), !graph.nodes[v].isStub, hubs[v] == nil { hubs[v] = category }
        }
        graph.inferCategories(hubs: hubs)
        self.graph = graph
    }

    /// One article's links: edges to other articles merged by target in first-seen order, each
    /// with the links that give its distinct anchor texts, and the links to wanted terms.
    struct ResolvedLinks: Sendable {
        var edges: [(target: Int32, weight: Int32)] = []
        /// Edge `e`'s distinct anchor texts, in first-seen order, are those of the links
        /// `anchorLinks[anchorStart[e] ..< anchorStart[e + 1]]`.
        var anchorLinks: [Int32] = []
        var anchorStart: [Int32] = [0]
        /// Links to wanted terms, in order, with the key and form each resolved to.
        var wanted: [(link: Int, key: String, written: String)] = []
        var links = 0
        var external = 0
    }

    /// Resolves the links of `articles[range]`. Plain `/slug` targets take the resolver's quick
    /// path; others are often written the same way many times, so each spelling is resolved
    /// once per chunk (a relative one once per folder).
    static func resolveLinks(of range: Range<Int>, in articles: [Article], resolver: LinkResolver) -> [ResolvedLinks] {
        var cache: [String: LinkTarget] = [:]
        return range.map { source in
            let article = articles[source]
            let list = article.links
            let folder = article.path.lastIndex(of: "/").map { String(article.path[..<$0]) } ?? ""
            var result = ResolvedLinks()
            var edgeOf: [Int32: Int] = [:]
            var anchorsOf: [[Int]] = []
            for i in list.indices {
                let target = list.target(i), kind = list.kind(i)
                let resolution: LinkTarget
                if let simple = resolver.resolveSimple(target, kind: kind) {
                    resolution = simple
                } else {
                    let cacheKey = kind == .wikilink ? "[[" + target : target.hasPrefix("/") ? target : folder + "\u{0}" + target
                    if let known = cache[cacheKey] {
                        resolution = known
                    } else {
                        resolution = resolver.resolve(target, from: article.path, kind: kind)
                        cache[cacheKey] = resolution
                    }
                }
                switch resolution {
                case .external:
                    result.external += 1
                case .none:
                    result.links += 1
                case let .wanted(key, written):
                    result.links += 1
                    result.wanted.append((i, key, written))
                case .article(let a):
                    result.links += 1
                    if a == source { continue }
                    let text = list.anchorText(i)
                    let e: Int
                    if let known = edgeOf[Int32(a)] {
                        e = known
                        result.edges[e].weight += 1
                    } else {
                        e = result.edges.count
                        edgeOf[Int32(a)] = e
                        result.edges.append((Int32(a), 1))
                        anchorsOf.append([])
                    }
                    if !text.isEmpty && !anchorsOf[e].contains(where: { sameText(list.anchorText($0), text) }) {
                        anchorsOf[e].append(i)
                    }
                }
            }
            result.anchorLinks.reserveCapacity(anchorsOf.reduce(0) { $0 + $1.count })
            result.anchorStart.reserveCapacity(anchorsOf.count + 1)
            for links in anchorsOf {
                result.anchorLinks += links.map { Int32($0) }
                result.anchorStart.append(Int32(result.anchorLinks.count))
            }
            return result
        }
    }

    /// Whether two anchor texts are the same text: equal bytes, or (only possible outside ASCII)
    /// canonically equivalent, as Swift strings compare.
    static func sameText(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        if a == b { return true }
        if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }
}

extension NodeAttribute {
    /// A front-matter attribute of an article, as its node keeps it.
    init(_ attribute: ArticleAttribute) {
        switch attribute.value {
        case .text(let text): self.init(name: attribute.name, value: .text(text))
        case .list(let items): self.init(name: attribute.name, value: .list(items))
        }
    }
}
