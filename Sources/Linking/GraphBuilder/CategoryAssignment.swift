import TermgraphCore
import TermgraphCorpus
import TermgraphGraph

/// The last step: each declared category's hub found among the articles, and every article
/// without a category of its own given its nearest hub's (the graph's inference). A hub that is
/// no article, or that another category has already, is a problem at its `termgraph.yml` line.
enum CategoryAssignment {
    static func assign(_ graph: inout KnowledgeGraph, config: CorpusConfig) -> [Problem] {
        var hubs: [Int: Int] = [:]
        var problems: [Problem] = []
        for (category, entry) in config.categories.enumerated() {
            let line = category < config.categoryLines.count ? config.categoryLines[category] : nil
            func problem(_ message: String) {
                problems.append(Problem(file: CorpusConfig.fileName, line: line, kind: .config, message: message))
            }
            let key = TermKey.normalize(TermKey.trimSlashes(entry.hub))
            guard let v = graph.index(ofKey: key) else {
                problem("the hub \"\(entry.hub)\" of category \"\(entry.name)\" is not the slug of an article")
                continue
            }
            if graph.nodes.isStub(v) {
                problem("the hub \"\(entry.hub)\" of category \"\(entry.name)\" is only linked to: no article has that slug")
            } else if let other = hubs[v] {
                problem("the hub \"\(entry.hub)\" of category \"\(entry.name)\" is already the hub of category \"\(config.categories[other].name)\"")
            } else {
                hubs[v] = category
            }
        }
        graph.inferCategories(hubs: hubs)
        return problems
    }
}
