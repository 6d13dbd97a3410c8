import TermgraphCorpus
import TermgraphGraph

/// Articles → graph, in steps: keys and duplicates (`ArticleKeys`), one node per article, links
/// resolved on every core (`LinkResolution`), edges and stubs merged (`EdgeMerging`), the
/// graph's arrays, then categories (`CategoryAssignment`).
enum GraphBuilder {
    static func build(_ corpus: Corpus) -> CorpusGraph {
        let (articles, keys, pathKeys, duplicates) = ArticleKeys.of(corpus)
        let resolver = LinkResolver(articles: articles, keys: keys, pathKeys: pathKeys, otherFiles: corpus.otherFiles, config: corpus.config)
        var merging = EdgeMerging(nodes: nodes(articles, keys: keys, config: corpus.config),
                                  problems: ProblemList(corpus.problems + duplicates + resolver.problems))
        // At most one edge per link: room for them all at once, not grown by doubling.
        merging.edges.reserveCapacity(articles.reduce(0) { $0 + $1.links.count })
        // Resolved a batch at a time, so that only one batch's resolutions are held at once.
        for batch in stride(from: 0, to: articles.count, by: resolutionBatch) {
            merging.add(LinkResolution.resolveAll(articles, batch..<min(batch + resolutionBatch, articles.count), resolver: resolver),
                        of: articles)
        }
        merging.labelStubs()
        var graph = KnowledgeGraph(nodes: merging.nodes, edges: merging.edges, anchors: merging.anchors.build(),
                                   categoryNames: corpus.config.categories.map(\.name),
                                   title: corpus.config.title, language: corpus.config.language)
        // Appended in place: a copy of a dump's million problems would be one more for a moment.
        merging.problems += CategoryAssignment.assign(&graph, config: corpus.config)
        merging.problems += BrokenFragments.problems(articles, resolver: resolver)
        return CorpusGraph(graph: graph, config: corpus.config, linkCount: merging.links,
                           externalLinkCount: merging.external, attachmentLinkCount: merging.attachments,
                           problems: merging.problems)
    }

    /// How many articles' links are resolved together: enough to keep every core busy.
    static let resolutionBatch = 32768

    /// One node per article, with its front matter; categories by their declared name.
    static func nodes(_ articles: [Article], keys: [String], config: CorpusConfig) -> [Node] {
        let categoryIndex = Dictionary(config.categories.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        return zip(articles, keys).map { article, key in
            Node(slug: article.slug, key: key, title: article.title, description: article.description,
                 keywords: article.keywords, aliases: article.aliases,
                 category: article.category.flatMap { categoryIndex[$0] },
                 path: article.path, attributes: article.attributes.map(NodeAttribute.init))
        }
    }
}
