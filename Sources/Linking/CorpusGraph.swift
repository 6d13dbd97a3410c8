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
    /// A vault's links to files that are not articles (images, PDFs): never edges.
    public private(set) var attachmentLinkCount = 0
    /// The corpus's problems, then duplicate slugs and wanted links found while building.
    public private(set) var problems: ProblemList

    /// A graph read back from the on-disk index.
    package init(graph: KnowledgeGraph, linkCount: Int, externalLinkCount: Int, attachmentLinkCount: Int = 0,
                 problems: ProblemList, config: CorpusConfig) {
        self.graph = graph
        self.linkCount = linkCount
        self.externalLinkCount = externalLinkCount
        self.attachmentLinkCount = attachmentLinkCount
        self.problems = problems
        self.config = config
    }

    /// The articles that become nodes: the first of each slug key in path order, and a
    /// problem for every later one.
    package static func uniqueArticles(_ corpus: Corpus) -> (articles: [Article], duplicates: [Problem]) {
        let unique = ArticleKeys.unique(corpus, keys: corpus.articles.map(\.key))
        return (unique.articles, unique.duplicates)
    }

    /// The articles that become nodes and the resolver their links are resolved with, as the
    /// builder makes them: for a front end that re-resolves links (`links`, where links are written).
    package static func resolving(_ corpus: Corpus) -> (articles: [Article], resolver: LinkResolver) {
        let articles = uniqueArticles(corpus).articles
        return (articles, LinkResolver(articles: articles, otherFiles: corpus.otherFiles, config: corpus.config))
    }

    /// The graph of `corpus`, built by the steps of `GraphBuilder`.
    public init(_ corpus: consuming Corpus) {
        self = GraphBuilder.build(consume corpus)
    }

    /// The graph of `corpus` and a memo of its links' resolution for the next build; after
    /// `earlier` (the memo of a build of the same configuration), only the links that the files
    /// in `changedFiles` (added, removed or changed since) can reach are resolved again. The
    /// graph is the one `init(_:)` builds, whatever the memo.
    public static func build(_ corpus: Corpus, after earlier: ResolutionMemo?, changedFiles: Set<String>) -> (graph: CorpusGraph, memo: ResolutionMemo) {
        let built = GraphBuilder.build(corpus, memo: earlier.map { .after($0, changedFiles: changedFiles) } ?? .fresh)
        return (built.graph, built.memo!)
    }

    /// A graph as the builder made it.
    init(graph: KnowledgeGraph, config: CorpusConfig, linkCount: Int, externalLinkCount: Int, attachmentLinkCount: Int,
         problems: ProblemList) {
        self.graph = graph
        self.config = config
        self.linkCount = linkCount
        self.externalLinkCount = externalLinkCount
        self.attachmentLinkCount = attachmentLinkCount
        self.problems = problems
    }
}
