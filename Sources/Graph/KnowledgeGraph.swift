import TermgraphCore
/// A directed graph of terms stored as flat arrays: compressed sparse rows in both directions.
///
/// ```swift
/// let graph = KnowledgeGraph(nodes: nodes, edges: [EdgeRecord(source: 0, target: 1, weight: 2, anchors: ["x"])])
/// graph.successors(of: 0)   // [1]
/// ```
///
/// Node indices follow slug-key order (Unicode scalar order), so every listing that walks
/// indices in order is already sorted the way the contract asks.
public struct KnowledgeGraph: Sendable {
    public internal(set) var nodes: NodeList
    /// Edge `e` goes from `edgeSource[e]` to `edgeTarget[e]`; edges are sorted by (source, target).
    public let edgeSource: [Int32]
    public let edgeTarget: [Int32]
    public let edgeWeight: [Int32]
    public let edgeAnchors: AnchorLists
    /// Outgoing edges of `u` are `outOffsets[u] ..< outOffsets[u + 1]`, in edge order.
    public let outOffsets: [Int32]
    /// Incoming edges of `v` are `inEdges[inOffsets[v] ..< inOffsets[v + 1]]`, sorted by source.
    public let inOffsets: [Int32]
    public let inEdges: [Int32]
    /// The source of each edge in `inEdges`, in the same order: a search's backward step reads
    /// one array instead of two (`edgeSource` through `inEdges`), which in a million-node graph
    /// is a cache miss less per link. Built with the graph; nil for a graph read from the index.
    let inSources: [Int32]?
    /// Category names in declaration order; `Node.category` indexes this list.
    public let categoryNames: [String]
    /// Graph-level facts shown in exports (title, language).
    public let title: String?
    public let language: String?
    /// For a graph read from the on-disk index: raised when a part decoded on demand turns out
    /// damaged, so that an answer that read it is not trusted.
    private let damage: DamageFlag?

    public var nodeCount: Int { nodes.count }
    public var edgeCount: Int { edgeSource.count }

    /// Builds the graph. Nodes are sorted by key; `edges` refer to positions in the given `nodes` array.
    /// Self-loops are dropped and duplicate (source, target) pairs are merged.
    public init(
        nodes: [Node], edges: [EdgeRecord],
        categoryNames: [String] = [], title: String? = nil, language: String? = nil
    ) {
        self.init(nodes: nodes, edges: edges.map { WeightedEdge(source: $0.source, target: $0.target, weight: $0.weight) },
                  anchors: AnchorLists(edges.map(\.anchors)), categoryNames: categoryNames, title: title, language: language)
    }

    /// The same, with the anchor texts of `edges[e]` given as `anchors[e]`. The nodes are
    /// sorted where they lie: a million-article corpus's nodes are never held twice.
    public init(
        nodes: consuming [Node], edges unsortedEdges: consuming [WeightedEdge], anchors: AnchorLists,
        categoryNames: [String] = [], title: String? = nil, language: String? = nil
    ) {
        var position = [Int32](repeating: 0, count: nodes.count)
        do {
            let keys = nodes.map(\.key)
            let order = keys.indices.sorted { TermKey.precedes(keys[$0], keys[$1]) }
            for (newIndex, oldIndex) in order.enumerated() { position[oldIndex] = Int32(newIndex) }
        }
        // Each node swapped straight to its place: a cycle of the permutation at a time.
        var place = position
        for i in nodes.indices {
            while place[i] != Int32(i) {
                let j = Int(place[i])
                nodes.swapAt(i, j)
                place.swapAt(i, j)
            }
        }
        place = []
        self.nodes = NodeList(nodes)

        // Edges are ordered through a permutation rather than copied: a million-article corpus
        // has ten million of them.
        func pair(_ e: Int32) -> UInt64 {
            UInt64(UInt32(position[Int(unsortedEdges[Int(e)].source)])) << 32 | UInt64(UInt32(position[Int(unsortedEdges[Int(e)].target)]))
        }
        let edgeOrder = Self.order(of: unsortedEdges, position: position)
        var edgeSource: [Int32] = [], edgeTarget: [Int32] = [], edgeWeight: [Int32] = []
        edgeSource.reserveCapacity(edgeOrder.count)
        edgeTarget.reserveCapacity(edgeOrder.count)
        edgeWeight.reserveCapacity(edgeOrder.count)
        // Until two edges merge, the anchor lists are those given, in `edgeOrder`: a builder's
        // edges (one per source and target already) are sorted without copying their texts.
        var merged: AnchorLists.Builder?
        var i = 0
        while i < edgeOrder.count {
            let first = Int(edgeOrder[i])
            var end = i + 1
            while end < edgeOrder.count && pair(edgeOrder[end]) == pair(edgeOrder[i]) { end += 1 }
            edgeSource.append(position[Int(unsortedEdges[first].source)])
            edgeTarget.append(position[Int(unsortedEdges[first].target)])
            edgeWeight.append(edgeOrder[i..<end].reduce(0) { $0 + unsortedEdges[Int($1)].weight })
            if end > i + 1 && merged == nil {
                merged = AnchorLists.Builder()
                for e in edgeOrder[..<i] { merged!.append(anchors, Int(e)) }
            }
            if end == i + 1 {
                merged?.append(anchors, first)
            } else {
                // Strings hash as they compare (canonical equivalence): a set finds each repeat.
                var texts = anchors[first]
                var seen = Set(texts)
                for e in edgeOrder[(i + 1)..<end] {
                    for anchor in anchors[Int(e)] where seen.insert(anchor).inserted { texts.append(anchor) }
                }
                merged!.append(texts)
            }
            i = end
        }
        unsortedEdges = []
        self.edgeSource = edgeSource
        self.edgeTarget = edgeTarget
        self.edgeWeight = edgeWeight
        self.edgeAnchors = merged.map { $0.build() } ?? AnchorLists(anchors, reorderedBy: edgeOrder)

        let n = self.nodes.count
        var outOffsets = [Int32](repeating: 0, count: n + 1)
        var inCounts = [Int32](repeating: 0, count: n + 1)
        for e in edgeSource.indices {
            outOffsets[Int(edgeSource[e]) + 1] += 1
            inCounts[Int(edgeTarget[e]) + 1] += 1
        }
        for i in 0..<n {
            outOffsets[i + 1] += outOffsets[i]
            inCounts[i + 1] += inCounts[i]
        }
        var fill = inCounts
        var inEdges = [Int32](repeating: 0, count: edgeSource.count)
        // Edges are sorted by source, so each in-list comes out sorted by source too.
        for e in edgeSource.indices {
            let v = Int(edgeTarget[e])
            inEdges[Int(fill[v])] = Int32(e)
            fill[v] += 1
        }
        self.outOffsets = outOffsets
        self.inOffsets = inCounts
        self.inSources = inEdges.map { edgeSource[Int($0)] }
        self.inEdges = inEdges
        self.categoryNames = categoryNames
        self.title = title
        self.language = language
        self.damage = nil
    }

    /// The positions of `edges` that are not self-loops, by source, then target (both as
    /// `position` renumbers them), then position: counted out by source in one pass, then each
    /// source's few edges sorted, instead of ten million edges sorted as one. Positions are 32
    /// bits, like every edge array: half the room of `Int`s.
    private static func order(of edges: [WeightedEdge], position: [Int32]) -> [Int32] {
        var start = [Int32](repeating: 0, count: position.count + 1)
        for edge in edges where edge.source != edge.target { start[Int(position[Int(edge.source)]) + 1] += 1 }
        for u in position.indices { start[u + 1] += start[u] }
        var order = [Int32](repeating: 0, count: Int(start[position.count]))
        var fill = start
        for (e, edge) in edges.enumerated() where edge.source != edge.target {
            let u = Int(position[Int(edge.source)])
            order[Int(fill[u])] = Int32(e)
            fill[u] += 1
        }
        fill = []
        order.withUnsafeMutableBufferPointer { order in
            for u in position.indices where start[u + 1] - start[u] > 1 {
                // Each source's edges are counted out in the order given: ties keep it.
                order[Int(start[u])..<Int(start[u + 1])].sort { a, b in
                    let (x, y) = (position[Int(edges[Int(a)].target)], position[Int(edges[Int(b)].target)])
                    return x != y ? x < y : a < b
                }
            }
        }
        return order
    }

    /// Targets of the edges leaving `u`, in node order.
    @inlinable public func successors(of u: Int) -> ArraySlice<Int32> {
        edgeTarget[Int(outOffsets[u])..<Int(outOffsets[u + 1])]
    }

    /// Edge indices arriving at `v`, sorted by source.
    @inlinable public func incomingEdges(of v: Int) -> ArraySlice<Int32> {
        inEdges[Int(inOffsets[v])..<Int(inOffsets[v + 1])]
    }

    /// Sources of the edges arriving at `v`, in node order.
    public func predecessors(of v: Int) -> [Int32] {
        incomingEdges(of: v).map { edgeSource[Int($0)] }
    }

    public func outDegree(_ u: Int) -> Int { Int(outOffsets[u + 1] - outOffsets[u]) }
    public func inDegree(_ v: Int) -> Int { Int(inOffsets[v + 1] - inOffsets[v]) }

    /// The stored arrays as they are, for reading the on-disk index.
    init(nodes: NodeList, edgeSource: [Int32], edgeTarget: [Int32], edgeWeight: [Int32], edgeAnchors: AnchorLists,
         outOffsets: [Int32], inOffsets: [Int32], inEdges: [Int32], categoryNames: [String], title: String?, language: String?,
         damage: DamageFlag) {
        self.nodes = nodes
        self.edgeSource = edgeSource
        self.edgeTarget = edgeTarget
        self.edgeWeight = edgeWeight
        self.edgeAnchors = edgeAnchors
        self.outOffsets = outOffsets
        self.inOffsets = inOffsets
        self.inEdges = inEdges
        self.inSources = nil
        self.categoryNames = categoryNames
        self.title = title
        self.language = language
        self.damage = damage
    }

    /// Whether anything decoded on demand from the index so far failed its checks.
    package var isDamaged: Bool { damage?.isRaised ?? false }

    /// Whether parts of this graph are decoded from the index as they are read, and so may
    /// still turn out damaged.
    package var decodesOnDemand: Bool { damage != nil }

    /// The node whose key equals `key`, found by binary search over the sorted nodes.
    public func index(ofKey key: String) -> Int? {
        var low = 0, high = nodes.count
        while low < high {
            let mid = (low + high) / 2
            if TermKey.precedes(nodes.key(mid), key) { low = mid + 1 } else { high = mid }
        }
        return low < nodes.count && nodes.key(low) == key ? low : nil
    }

    /// A copy with the stub nodes (and every edge that touches one) left out.
    public func withoutStubs() -> KnowledgeGraph {
        subgraph { !nodes.isStub($0) }
    }
}

/// One edge as given to the graph builder, its anchor texts kept apart: positions into the
/// builder's node array.
public struct WeightedEdge: Sendable, Equatable {
    public var source: Int32
    public var target: Int32
    public var weight: Int32

    public init(source: Int32, target: Int32, weight: Int32 = 1) {
        self.source = source
        self.target = target
        self.weight = weight
    }
}

/// One edge as given to the graph builder: positions into the builder's node array.
public struct EdgeRecord: Sendable, Equatable {
    public var source: Int32
    public var target: Int32
    public var weight: Int32
    public var anchors: [String]

    public init(source: Int32, target: Int32, weight: Int32 = 1, anchors: [String] = []) {
        self.source = source
        self.target = target
        self.weight = weight
        self.anchors = anchors
    }
}
