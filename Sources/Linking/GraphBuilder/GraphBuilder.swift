import TermgraphCorpus
import TermgraphGraph

/// Articles → graph, in steps: keys and duplicates (`ArticleKeys`), one node per article, links
/// resolved on every core (`LinkResolution`), edges and stubs merged (`EdgeMerging`), the
/// graph's arrays, then categories (`CategoryAssignment`).
enum GraphBuilder {
    static func build(_ corpus: consuming Corpus) -> CorpusGraph {
        build(consume corpus, memo: nil).graph
    }

    /// The same, keeping a memo for the next build when `memo` is given: `.fresh` resolves every
    /// link, `.after(earlier, changedFiles:)` only those the changed files can reach.
    static func build(_ corpus: consuming Corpus, memo: MemoUse?) -> (graph: CorpusGraph, memo: ResolutionMemo?) {
        let config = corpus.config
        var (nodes, merging, fragments, kept) = link(consume corpus, memo: memo)
        // Handed over, not shared: the graph lets go of the unsorted edges once it has sorted them.
        let edges = merging.edges
        merging.edges = []
        var graph = KnowledgeGraph(nodes: consume nodes, edges: consume edges, anchors: merging.anchors.build(),
                                   categoryNames: config.categories.map(\.name),
                                   title: config.title, language: config.language)
        // Appended in place: a copy of a dump's million problems would be one more for a moment.
        merging.problems += CategoryAssignment.assign(&graph, config: config)
        merging.problems += fragments
        return (CorpusGraph(graph: graph, config: config, linkCount: merging.links,
                            externalLinkCount: merging.external, attachmentLinkCount: merging.attachments,
                            problems: merging.problems), kept)
    }

    /// How a build keeps a memo for the next one.
    enum MemoUse {
        case fresh
        case after(ResolutionMemo, changedFiles: Set<String>)
    }

    /// The steps that read the articles: their nodes, their links merged into edges and stubs,
    /// and the broken fragments among them (listed after the categories' problems). Without a
    /// memo, each article's links are let go of once merged, and the articles once their nodes
    /// are made: the graph's arrays are built without them. A memo keeps them for the next build.
    private static func link(_ corpus: consuming Corpus, memo: MemoUse?)
        -> (nodes: [Node], merging: EdgeMerging, fragments: [Problem], memo: ResolutionMemo?) {
        var (articles, keys, pathKeys, duplicates) = ArticleKeys.of(corpus)
        let resolver = LinkResolver(articles: articles, keys: keys, pathKeys: pathKeys, otherFiles: corpus.otherFiles, config: corpus.config)
        let fragments = BrokenFragments.problems(articles, resolver: resolver)
        var merging = EdgeMerging(articleCount: articles.count, problems: ProblemList(corpus.problems + duplicates + resolver.problems))
        var kept: ResolutionMemo?
        if let memo {
            let earlier: ResolutionMemo?, changed: Set<String>
            switch memo {
            case .fresh: (earlier, changed) = (nil, [])
            case let .after(memo, changedFiles): (earlier, changed) = (ResolutionMemo.usable(memo, for: corpus), changedFiles)
            }
            let (resolved, made) = ResolutionMemo.resolve(articles, keys: keys, pathKeys: pathKeys, otherFiles: corpus.otherFiles,
                                                          resolver: resolver, changedFiles: changed, after: earlier, config: corpus.config)
            merging.add([resolved], of: articles)
            kept = made
        } else {
            corpus.articles = []
            pathKeys = []
            merging.reserve(links: articles.reduce(0) { $0 + $1.links.count })
            // Resolved a batch at a time, so that only one batch's resolutions are held at once.
            for batch in stride(from: 0, to: articles.count, by: resolutionBatch) {
                let range = batch..<min(batch + resolutionBatch, articles.count)
                merging.add(LinkResolution.resolveAll(articles, range, resolver: resolver), of: articles)
                for i in range { articles[i].links = LinkList() }
                    }
        }
        merging.labelStubs()
        var nodes = nodes(articles, keys: keys, config: corpus.config, room: articles.count + merging.stubs.count)
        // The nodes hold what they need of the articles (their strings are shared): the
        // articles' array goes before the stubs' nodes are made.
        articles = []
        keys = []
        for stub in merging.stubs { nodes.append(stub.node) }
        merging.stubs = []
        return (nodes, merging, fragments, kept)
    }

    /// How many articles' links are resolved together: enough to keep every core busy.
    static let resolutionBatch = 32768

    /// One node per article, with its front matter; categories by their declared name. The
    /// array has room for `room` nodes.
    static func nodes(_ articles: [Article], keys: [String], config: CorpusConfig, room: Int = 0) -> [Node] {
        let categoryIndex = Dictionary(config.categories.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var nodes: [Node] = []
        nodes.reserveCapacity(max(room, articles.count))
        var shared = SharedAttributes()
        for (article, key) in zip(articles, keys) {
            nodes.append(Node(slug: article.slug, key: key, title: article.title, description: article.description,
                              keywords: article.keywords, aliases: article.aliases,
                              category: article.category.flatMap { categoryIndex[$0] },
                              path: article.path, attributes: shared.converted(article.attributes)))
        }
        return nodes
    }

    /// Node attributes made once for each article attribute list met: a dump's articles share
    /// a few lists of categories (`CategoryLists`), and their nodes then share them too instead
    /// of holding a million copies.
    struct SharedAttributes {
        private var made: [[ArticleAttribute]: [NodeAttribute]] = [:]

        /// Lists past this many are not kept: where most are unique, the table would cost more than it saves.
        static let sharedLists = 1 << 14

        mutating func converted(_ attributes: [ArticleAttribute]) -> [NodeAttribute] {
            guard !attributes.isEmpty else { return [] }
            if let known = made[attributes] { return known }
            let converted = attributes.map(NodeAttribute.init)
            if made.count < Self.sharedLists { made[attributes] = converted }
            return converted
        }
    }
}
