import TermgraphCore
/// The lists of terms that point at gaps in a corpus.
public enum TermListKind: String, Sendable, CaseIterable {
    /// Articles no other article links to.
    case orphan
    /// Stubs: link targets no article answers.
    case wanted
    /// Articles that link nowhere (a link to a stub counts as a link).
    case deadEnd = "dead-end"
    /// Articles that are both orphans and dead ends.
    case isolated
}

extension KnowledgeGraph {
    /// The nodes of one list, in slug-key order.
    ///
    /// ```swift
    /// graph.terms(.orphan).map { graph.nodes[$0].slug }
    /// ```
    public func terms(_ kind: TermListKind) -> [Int] {
        nodes.indices.filter { v in
            switch kind {
            case .wanted: return nodes.isStub(v)
            case .orphan: return !nodes.isStub(v) && !hasIncomingFromArticle(v)
            case .deadEnd: return !nodes.isStub(v) && outDegree(v) == 0
            case .isolated: return !nodes.isStub(v) && outDegree(v) == 0 && !hasIncomingFromArticle(v)
            }
        }
    }

    /// How many articles link to `v` (for a stub: how much it is wanted).
    public func linkingArticleCount(_ v: Int) -> Int {
        incomingEdges(of: v).reduce(0) { $0 + (nodes.isStub(Int(edgeSource[Int($1)])) ? 0 : 1) }
    }

    private func hasIncomingFromArticle(_ v: Int) -> Bool {
        incomingEdges(of: v).contains { !nodes.isStub(Int(edgeSource[Int($0)])) }
    }
}
