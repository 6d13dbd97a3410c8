import TermgraphCorpus
import TermgraphGraph
import TermgraphLinking

/// Where each edge of the graph is written: for every article node, the file and line of each
/// of its links that reaches another node. Edges keep only counts and anchor texts; a term's
/// page shows where its links stand, so this is made once from the corpus when first asked.
public struct LinkOccurrences: Sendable {
    public struct Occurrence: Sendable, Encodable, Equatable {
        public let file: String
        public let line: Int
    }

    /// `bySource[u]`: (target node, where) for each link of article `u` to another node, in
    /// the article's order.
    private let bySource: [[(target: Int32, at: Occurrence)]]

    init(corpus: Corpus, graph: KnowledgeGraph) {
        let (unique, resolver) = CorpusGraph.resolving(corpus)
        let nodeOfArticle = unique.map { graph.index(ofKey: $0.key) }
        var bySource = [[(target: Int32, at: Occurrence)]](repeating: [], count: graph.nodeCount)
        for (i, article) in unique.enumerated() {
            guard let u = nodeOfArticle[i] else { continue }
            for link in article.links {
                let v: Int? = switch resolver.resolve(link.target, from: article.path, kind: link.kind) {
                case .article(let j), .ambiguous(let j, _): nodeOfArticle[j]
                case .wanted(let key, _): graph.index(ofKey: key)
                case .external, .none, .attachment: nil
                }
                guard let v, v != u else { continue }
                bySource[u].append((Int32(v), Occurrence(file: article.source.file, line: link.line)))
            }
        }
        self.bySource = bySource
    }

    /// Where article `u` links to node `v`, in the article's order.
    public func occurrences(from u: Int, to v: Int) -> [Occurrence] {
        guard bySource.indices.contains(u) else { return [] }
        return bySource[u].filter { $0.target == v }.map(\.at)
    }
}
