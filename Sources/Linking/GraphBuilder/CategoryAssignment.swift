import TermgraphCore
import TermgraphCorpus
import TermgraphGraph

/// The last step: each declared category's hub found among the articles, and every article
/// without a category of its own given its nearest hub's (the graph's inference).
enum CategoryAssignment {
    static func assign(_ graph: inout KnowledgeGraph, config: CorpusConfig) {
        var hubs: [Int: Int] = [:]
        for (category, entry) in config.categories.enumerated() {
            let key = TermKey.normalize(TermKey.trimSlashes(entry.hub))
            if let v = graph.index(ofKey: key), !graph.nodes[v].isStub, hubs[v] == nil { hubs[v] = category }
        }
        graph.inferCategories(hubs: hubs)
    }
}
