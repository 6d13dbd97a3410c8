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

/// How a name answers a typed term, best first.
public enum TermMatchKind: Int, Sendable, Comparable, CaseIterable {
    /// The name is the term, as folded.
    case exact
    /// The name is the term once Arabic prefixes are dropped (§3).
    case withoutPrefixes
    /// The name starts with the term.
    case prefix
    /// A later word of the name starts with the term (after its article, if it has one).
    case wordPrefix
    /// The term is inside the name.
    case contains
    /// The name is a few edits away from the term.
    case similar

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The word used for it in answers.
    public var name: String {
        switch self {
        case .exact: "exact"
        case .withoutPrefixes: "without-prefixes"
        case .prefix: "prefix"
        case .wordPrefix: "word-prefix"
        case .contains: "contains"
        case .similar: "similar"
        }
    }
}

/// Which of a term's names matched.
public enum TermName: Int, Sendable, CaseIterable {
    case slug, title, alias, anchor
}

/// One term found for a typed term: the node, how well and by which name (as folded).
public struct TermHit: Sendable, Equatable {
    public let node: Int
    public let kind: TermMatchKind
    public let name: TermName
    public let folded: String

    public init(node: Int, kind: TermMatchKind, name: TermName, folded: String) {
        (self.node, self.kind, self.name, self.folded) = (node, kind, name, folded)
    }
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

    /// The tables of `graph` made from `earlier`, the tables of `earlierGraph`, when only the
    /// nodes whose keys are in `touched` (and nodes new to the graph) may have other names than
    /// they had: their names are folded, every other node's entries are kept under its new
    /// number. The tables are those `init(_:)` makes of `graph`.
    public init(_ graph: KnowledgeGraph, patching earlier: TermIndex, of earlierGraph: KnowledgeGraph, touched: Set<String>) {
        // Both graphs' nodes are in key order: one pass pairs the nodes that stand.
        var renumber = [Int32](repeating: -1, count: earlierGraph.nodeCount)
        var changed: [Int] = []
        var old = 0
        var oldKey = earlierGraph.nodeCount > 0 ? earlierGraph.nodes.key(0) : ""
        for v in 0..<graph.nodeCount {
            let key = graph.nodes.key(v)
            while old < earlierGraph.nodeCount && TermKey.precedes(oldKey, key) {
                old += 1
                if old < earlierGraph.nodeCount { oldKey = earlierGraph.nodes.key(old) }
            }
            if old < earlierGraph.nodeCount && oldKey.utf8.elementsEqual(key.utf8) && !touched.contains(key) {
                renumber[old] = Int32(v)
            } else {
                changed.append(v)
            }
        }
        let numbers = renumber
        let part = Self.names(of: changed, in: graph)
        let fresh = part.forms.tables(part.pairs)
        let kept = earlier.exact + earlier.stripped
        let tables = Parallel.map(Array(0..<8), chunk: 1) { t in kept[t].renumbered(by: numbers).merged(with: fresh[t]) }
        self.exact = Array(tables[0..<4])
        self.stripped = Array(tables[4..<8])
    }

    /// The names of the nodes `nodes`: their folded forms, numbered, and for each of the
    /// eight tables the (form << 32 | node) pairs. Every name is folded once however often it
    /// occurs: popular terms are linked with the same words thousands of times.
    private static func names<Nodes: Sequence<Int>>(of range: Nodes, in graph: KnowledgeGraph) -> (forms: FormNumbers, pairs: [[UInt64]]) {
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

    /// The most edits a "did you mean" name may be away from the term, however long the term:
    /// the work of comparing grows with this bound, and a name dozens of edits away is no
    /// longer the term misspelt.
    static let mostEdits = 16

    /// Resolves `term` stage by stage, exact folding before prefix dropping.
    public func resolve(_ term: String) -> TermMatch {
        let folded = TermFolding.fold(TermKey.trimSlashes(term))
        guard !folded.isEmpty else { return .unknown(suggestions: []) }
        for stage in 0..<4 {
            if let hits = exact[stage][folded] { return hits.count == 1 ? .found(hits[0]) : .ambiguous(hits) }
        }
        let variants = TermFolding.queryVariants(folded)
        for stage in 0..<4 {
            var hits: Set<Int> = []
            for variant in variants { hits.formUnion(stripped[stage][variant] ?? []) }
            if !hits.isEmpty { return hits.count == 1 ? .found(hits.first!) : .ambiguous(hits.sorted()) }
        }
        return .unknown(suggestions: search(term, limit: 5).map(\.node))
    }

    /// The terms that answer `term`, best first, at most `limit`: exact names, names without
    /// their prefixes (the query's prepositions too), then slugs, titles and aliases that start
    /// with the term, have a word starting with it, or hold it, then names a few edits away.
    /// Within a kind, the shorter name (the closer to the term) comes first, then slug order.
    public func search(_ term: String, limit: Int) -> [TermHit] {
        let folded = TermFolding.fold(TermKey.trimSlashes(term))
        guard !folded.isEmpty, limit > 0 else { return [] }
        var best: [Int: (hit: TermHit, length: Int)] = [:]
        func offer(_ node: Int, _ kind: TermMatchKind, _ name: TermName, _ key: String) {
            let length = key.unicodeScalars.count
            if let known = best[node], (known.hit.kind, known.length) <= (kind, length) { return }
            best[node] = (TermHit(node: node, kind: kind, name: name, folded: key), length)
        }
        for name in TermName.allCases {
            for node in exact[name.rawValue][folded] ?? [] { offer(node, .exact, name, folded) }
        }
        // The folded query itself is among its variants.
        let variants = TermFolding.queryVariants(folded).sorted()
        for name in TermName.allCases {
            for variant in variants {
                for node in stripped[name.rawValue][variant] ?? [] { offer(node, .withoutPrefixes, name, variant) }
            }
        }
        // Slugs, titles and aliases by what they hold (anchor texts are too many and too loose).
        let searched: [TermName] = [.slug, .title, .alias]
        for name in searched {
            let table = exact[name.rawValue]
            for needle in variants {
                let bytes = Array(needle.utf8)
                for (k, offset) in table.keys(containing: bytes) {
                    let key = table.keyBytes(k)
                    let kind: TermMatchKind = offset == 0 ? .prefix
                        : Self.startsWord(key, at: key.startIndex + offset) ? .wordPrefix : .contains
                    let text = String(decoding: key, as: UTF8.self)
                    for node in table.nodes(k) { offer(node, kind, name, text) }
                }
            }
        }
        if best.count < limit {
            let query = Array(folded.unicodeScalars)
            let bound = min(max(2, query.count / 3), Self.mostEdits)
            for name in searched {
                let table = exact[name.rawValue]
                for k in 0..<table.count {
                    let text = table.key(k)
                    let scalars = Array(text.unicodeScalars)
                    guard abs(scalars.count - query.count) <= bound,
                          editDistance(query, scalars, limit: bound) <= bound else { continue }
                    for node in table.nodes(k) { offer(node, .similar, name, text) }
                }
            }
        }
        return best.values
            .sorted { ($0.hit.kind, $0.length, $0.hit.node) < ($1.hit.kind, $1.length, $1.hit.node) }
            .prefix(limit).map(\.hit)
    }

    /// Whether a word starts at `at` in a folded name: after a space or a slug's separator, or
    /// right after a word's article `ال`.
    private static func startsWord(_ key: ArraySlice<UInt8>, at: Int) -> Bool {
        let before = key[at - 1]
        if before == 0x20 || before == 0x2D || before == 0x5F || before == 0x2F || before == 0x2E { return true }
        // ال is D8 A7 D9 84 in UTF-8, at the start of the name or after a space.
        let article: [UInt8] = [0xD8, 0xA7, 0xD9, 0x84]
        guard at - key.startIndex >= 4, key[(at - 4)..<at].elementsEqual(article) else { return false }
        return at - 4 == key.startIndex || key[at - 5] == 0x20
    }

    /// The name of `node` that `hit` matched, as it is written (the folded form when none can
    /// be told: a name is folded in the tables).
    public static func writtenName(of hit: TermHit, in graph: KnowledgeGraph) -> String {
        let node = graph.nodes[hit.node]
        let names: [String] = switch hit.name {
        case .slug: [node.slug]
        case .title: [node.title]
        case .alias: node.aliases.map { $0.hasPrefix("/") ? TermKey.trimSlashes($0) : $0 }
        case .anchor: graph.incomingEdges(of: hit.node).flatMap { graph.edgeAnchors[Int($0)] }
        }
        return names.first { name in
            let folded = TermFolding.fold(name)
            return folded == hit.folded || (hit.kind == .withoutPrefixes && TermFolding.prefixVariants(folded).contains(hit.folded))
        } ?? hit.folded
    }

}
