import TermgraphCore
import TermgraphGraph
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
        // Slices of the nodes are read on every core, then their numbered forms are merged.
        let parts = Parallel.map(Parallel.slices(graph.nodeCount, minimum: 1024), chunk: 1) { Self.names(of: $0, in: graph) }
        var forms = FormNumbers()
        var pairs = Array(repeating: [UInt64](), count: 8)
        for part in parts {
            let numbers = part.forms.texts.map { forms.number($0) }
            for (table, list) in part.pairs.enumerated() {
                pairs[table].append(contentsOf: list.map { UInt64(numbers[Int($0 >> 32)]) << 32 | ($0 & 0xFFFF_FFFF) })
            }
        }
        let tables = forms.tables(pairs)
        self.exact = Array(tables[0..<4])
        self.stripped = Array(tables[4..<8])
    }

    /// The names of the nodes in `range`: their folded forms, numbered, and for each of the
    /// eight tables the (form << 32 | node) pairs. Every name is folded once however often it
    /// occurs: popular terms are linked with the same words thousands of times.
    private static func names(of range: Range<Int>, in graph: KnowledgeGraph) -> (forms: FormNumbers, pairs: [[UInt64]]) {
        var forms = FormNumbers()
        var folded: [[UInt8]: (exact: Int32, variants: [Int32])] = [:]
        var pairs = Array(repeating: [UInt64](), count: 8)
        func add(_ text: String, node v: Int, stage: Int) {
            let raw = Array(text.utf8)
            let names: (exact: Int32, variants: [Int32])
            if let known = folded[raw] {
                names = known
            } else {
                let form = TermFolding.fold(text)
                names = form.isEmpty ? (-1, [])
                    : (forms.number(Array(form.utf8)), TermFolding.prefixVariants(form).map { forms.number(Array($0.utf8)) })
                folded[raw] = names
            }
            guard names.exact >= 0 else { return }
            pairs[stage].append(UInt64(names.exact) << 32 | UInt64(v))
            for variant in names.variants { pairs[4 + stage].append(UInt64(variant) << 32 | UInt64(v)) }
        }
        for v in range {
            let node = graph.nodes[v]
            add(node.key, node: v, stage: 0)
            if !node.isStub { add(node.title, node: v, stage: 1) }
            for alias in node.aliases { add(alias.hasPrefix("/") ? TermKey.trimSlashes(alias) : alias, node: v, stage: 2) }
            for e in graph.incomingEdges(of: v) {
                for anchor in graph.edgeAnchors[Int(e)] { add(anchor, node: v, stage: 3) }
            }
        }
        return (forms, pairs)
    }

    /// Writes the tables to the on-disk index, so that a query never folds the whole corpus.
    package func encode(to writer: inout ByteWriter) {
        for table in exact + stripped { table.encode(to: &writer) }
    }

    package init(from reader: inout ByteReader, nodeCount: Int) throws(ByteReader.Corrupt) {
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
