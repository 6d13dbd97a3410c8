import TermgraphCorpus
import TermgraphGraph
import TermgraphLinking

/// Where each edge of the graph is written: for every article node, the file and line of each
/// of its links that reaches another node. Edges keep only counts and anchor texts; a term's
/// page shows where its links stand, so an article's links are resolved again when a page asks
/// where they stand (a few dozen links, however large the corpus), never the whole corpus's.
public struct LinkOccurrences: Sendable {
    public struct Occurrence: Sendable, Encodable, Equatable {
        public let file: String
        public let line: Int
    }

    private let unique: [Article]
    private let resolver: LinkResolver
    private let graph: KnowledgeGraph
    /// The article each node was made from (-1: a stub).
    private let articleOfNode: [Int32]

    init(corpus: Corpus, graph: KnowledgeGraph) {
        let (unique, resolver) = CorpusGraph.resolving(corpus)
        self.init(articles: unique, keys: unique.map(\.key), resolver: resolver, graph: graph)
    }

    /// From the node articles (with their keys) and the resolver a build used.
    init(articles: [Article], keys: [String], resolver: LinkResolver, graph: KnowledgeGraph) {
        (self.unique, self.resolver, self.graph) = (articles, resolver, graph)
        var articleOfNode = [Int32](repeating: -1, count: graph.nodeCount)
        for (i, key) in keys.enumerated() {
            if let u = graph.index(ofKey: key) { articleOfNode[u] = Int32(i) }
        }
        self.articleOfNode = articleOfNode
    }

    /// Where article `u` links to each node it reaches (not itself), in the article's order:
    /// its links resolved once, however many targets are asked about.
    public func occurrences(from u: Int) -> [Int: [Occurrence]] {
        guard articleOfNode.indices.contains(u), articleOfNode[u] >= 0 else { return [:] }
        let article = unique[Int(articleOfNode[u])]
        var found: [Int: [Occurrence]] = [:]
        for link in article.links {
            let reached: Int? = switch resolver.resolve(link.target, from: article.path, kind: link.kind) {
            case .article(let j), .ambiguous(let j, _): graph.index(ofKey: unique[j].key)
            case .wanted(let key, _): graph.index(ofKey: key)
            case .external, .none, .attachment: nil
            }
            if let reached, reached != u { found[reached, default: []].append(Occurrence(file: article.source.file, line: link.line)) }
        }
        return found
    }
}
