import TermgraphCore
import TermgraphGraph

/// Resolves a term as a user types it, in the contract's order: a term that is exactly a slug
/// needs no index; anything else is looked up in the term index, which is asked for only then.
///
/// ```swift
/// TermResolver(graph, terms: { TermIndex(graph) }).resolve("المكتب الأمامي")  // .found(frontoffice)
/// ```
public struct TermResolver {
    private let graph: KnowledgeGraph
    private let terms: () -> TermIndex

    /// - Parameter terms: gives the term index the first time a lookup needs it.
    public init(_ graph: KnowledgeGraph, terms: @escaping () -> TermIndex) {
        self.graph = graph
        self.terms = terms
    }

    public func resolve(_ term: String) -> TermMatch {
        if let v = graph.index(ofKey: TermKey.normalize(TermKey.trimSlashes(term))) { return .found(v) }
        return terms().resolve(term)
    }
}
