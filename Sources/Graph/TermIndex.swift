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
    /// One lookup table per stage, in the contract's order: slug key, title, aliases, anchor texts;
    /// names as folded, and with their Arabic prefixes dropped.
    private let exact: [SortedTable]
    private let stripped: [SortedTable]

    public init(_ graph: KnowledgeGraph) {
        var exact: [[String: [Int]]] = Array(repeating: [:], count: 4)
        var stripped: [[String: [Int]]] = Array(repeating: [:], count: 4)
        // Each distinct anchor text once per node: popular terms are linked with the same words
        // thousands of times.
        var anchors = Array(repeating: [String](), count: graph.nodeCount)
        for v in 0..<graph.nodeCount {
            var seen: Set<String> = []
            for e in graph.incomingEdges(of: v) {
                for anchor in graph.edgeAnchors[Int(e)] where seen.insert(anchor).inserted { anchors[v].append(anchor) }
            }
        }
        for (v, node) in graph.nodes.enumerated() {
            let aliases = node.aliases.map { $0.hasPrefix("/") ? TermKey.trimSlashes($0) : $0 }
            let stages: [[String]] = [[node.key], node.isStub ? [] : [node.title], aliases, anchors[v]]
            for (stage, texts) in stages.enumerated() {
                for text in texts {
                    let folded = TermFolding.fold(text)
                    guard !folded.isEmpty else { continue }
                    Self.add(v, folded, to: &exact[stage])
                    for variant in TermFolding.prefixVariants(folded) { Self.add(v, variant, to: &stripped[stage]) }
                }
            }
        }
        self.exact = exact.map(SortedTable.init)
        self.stripped = stripped.map(SortedTable.init)
    }

    /// Writes the tables to the on-disk index, so that a query never folds the whole corpus.
    public func encode(to writer: inout ByteWriter) {
        for table in exact + stripped { table.encode(to: &writer) }
    }

    public init(from reader: inout ByteReader, nodeCount: Int) throws(ByteReader.Corrupt) {
        var tables: [SortedTable] = []
        for _ in 0..<8 { tables.append(try SortedTable(from: &reader, nodeCount: nodeCount)) }
        exact = Array(tables[0..<4])
        stripped = Array(tables[4..<8])
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
        // Slug keys, titles and aliases, as folded.
        for table in exact.prefix(3) {
            for k in 0..<table.count {
                let name = Array(table.key(k).unicodeScalars)
                guard abs(name.count - query.count) <= limit else { continue }
                let d = editDistance(query, name, limit: limit)
                guard d <= limit else { continue }
                for node in table.nodes(k) where d < (best[node] ?? Int.max) { best[node] = d }
            }
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(5).map(\.key)
    }

    private static func add(_ node: Int, _ text: String, to table: inout [String: [Int]]) {
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
