/// What a term typed by a user resolved to.
public enum TermMatch: Sendable, Equatable {
    case found(Int)
    /// Several nodes answer equally well, in slug-key order.
    case ambiguous([Int])
    /// Nothing answers; the nearest names, nearest first (at most five).
    case unknown(suggestions: [Int])
}

/// Finds terms by slug, title, alias or the anchor texts used to link to them, with Arabic folding.
///
/// ```swift
/// let index = TermIndex(graph)
/// index.resolve("والمكتب الأوسط")  // .found(middleoffice)
/// ```
public struct TermIndex: Sendable {
    /// One lookup table per stage, in the contract's order: slug key, title, aliases, anchor texts.
    private var exact: [[String: [Int]]] = Array(repeating: [:], count: 4)
    private var stripped: [[String: [Int]]] = Array(repeating: [:], count: 4)
    /// Folded names for "did you mean", with the node they name.
    private var names: [(name: [Unicode.Scalar], node: Int)] = []

    public init(_ graph: KnowledgeGraph) {
        var anchors = Array(repeating: [String](), count: graph.nodeCount)
        for e in 0..<graph.edgeCount { anchors[Int(graph.edgeTarget[e])] += graph.edgeAnchors[e] }
        for (v, node) in graph.nodes.enumerated() {
            let aliases = node.aliases.map { $0.hasPrefix("/") ? TermKey.trimSlashes($0) : $0 }
            let stages: [[String]] = [[node.key], node.isStub ? [] : [node.title], aliases, anchors[v]]
            for (stage, texts) in stages.enumerated() {
                for text in texts {
                    let folded = TermFolding.fold(text)
                    guard !folded.isEmpty else { continue }
                    add(v, folded, to: &exact[stage])
                    for variant in TermFolding.prefixVariants(folded) { add(v, variant, to: &stripped[stage]) }
                    if stage < 3 { names.append((Array(folded.unicodeScalars), v)) }
                }
            }
        }
    }

    /// Resolves `term` stage by stage, exact folding before prefix dropping.
    public func resolve(_ term: String) -> TermMatch {
        let folded = TermFolding.fold(TermKey.trimSlashes(term))
        guard !folded.isEmpty else { return .unknown(suggestions: []) }
        for stage in 0..<4 {
            if let hits = exact[stage][folded] { return hits.count == 1 ? .found(hits[0]) : .ambiguous(hits) }
        }
        let variants = TermFolding.prefixVariants(folded)
        for stage in 0..<4 {
            var hits: Set<Int> = []
            for variant in variants { hits.formUnion(stripped[stage][variant] ?? []) }
            if !hits.isEmpty { return hits.count == 1 ? .found(hits.first!) : .ambiguous(hits.sorted()) }
        }
        return .unknown(suggestions: suggestions(for: folded))
    }

    private func suggestions(for folded: String) -> [Int] {
        let query = Array(folded.unicodeScalars)
        let limit = max(2, query.count / 3)
        var best: [Int: Int] = [:]
        for (name, node) in names {
            guard abs(name.count - query.count) <= limit else { continue }
            let d = editDistance(query, name, limit: limit)
            if d <= limit && d < (best[node] ?? Int.max) { best[node] = d }
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(5).map(\.key)
    }

    private func add(_ node: Int, _ text: String, to table: inout [String: [Int]]) {
        if table[text]?.contains(node) == true { return }
        table[text, default: []].append(node)
    }
}

/// Levenshtein distance, giving up (returning `limit + 1`) once every cell of a row exceeds `limit`.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var rowMin = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            rowMin = min(rowMin, current[j])
        }
        if rowMin > limit { return limit + 1 }
        swap(&previous, &current)
    }
    return previous[b.count]
}
