import TermgraphCorpus
import TermgraphGraph
import TermgraphLinking

/// `stats --lang L`: the counts that belong to links, taken over one language's pages only.
/// `edges` are the edges out of its articles (to any article or wanted term, of any language);
/// `links`, `external` and `attachments` count the link occurrences written in its pages, each
/// resolved as the graph resolved it. The graph keeps no per-article link counts, so these
/// are read from the corpus again: a cost paid only when a language is asked for.
struct LanguageCounts {
    var edges = 0
    var links = 0
    var external = 0
    var attachments = 0

    init(graph: KnowledgeGraph, corpus: Corpus, inLanguage: (String) -> Bool) {
        for e in 0..<graph.edgeCount {
            if let path = graph.nodes[Int(graph.edgeSource[e])].path, inLanguage(path) { edges += 1 }
        }
        let (unique, resolver) = CorpusGraph.resolving(corpus)
        for article in unique where inLanguage(article.path) {
            for link in article.links {
                switch resolver.resolve(link.target, from: article.path, kind: link.kind) {
                case .external: external += 1
                case .attachment: attachments += 1
                case .none, .wanted, .article, .ambiguous: links += 1
                }
            }
        }
    }
}
