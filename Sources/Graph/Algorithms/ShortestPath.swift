import TermgraphCore
/// Shortest paths by number of links, found with a bidirectional breadth-first search.
///
/// ```swift
/// graph.shortestPaths(from: [a], to: [b])?.paths.first  // [a, …, b], least in slug order
/// ```
///
/// Each side expands one whole layer at a time and the search stops only after the layer
/// in which the two sides first touch, taking the minimum over every meeting in that layer.
/// Stopping at the first meeting node instead is the classic bug: on
/// `0→1, 0→2, 1→3, 3→4, 4→6, 2→5, 5→6` it can report a path of length 4.
public struct ShortestPaths: Sendable, Equatable {
    /// Number of links on each path.
    public let length: Int
    /// The shortest paths in slug-key order, at most the requested limit.
    public let paths: [[Int]]

    public init(length: Int, paths: [[Int]]) {
        self.length = length
        self.paths = paths
    }
}

extension KnowledgeGraph {
    /// Shortest paths from any node of `sources` to any node of `targets`, or nil when none exists.
    /// - Parameters:
    ///   - undirected: follow links in both directions.
    ///   - limit: how many of the shortest paths to list (1 gives the least one). Listing them
    ///     takes time and memory in proportion to `limit` × their length, however many
    ///     shortest paths there are (a chain of 40 diamonds has 2⁴⁰).
    public func shortestPaths(
        from sources: [Int], to targets: [Int], undirected: Bool = false, limit: Int = 1
    ) -> ShortestPaths? {
        let n = nodeCount
        guard n > 0, !sources.isEmpty, !targets.isEmpty else { return nil }
        var distF = NodeMarks.borrow(n), distB = NodeMarks.borrow(n), position = NodeMarks.borrow(n)
        defer {
            NodeMarks.giveBack(&distF)
            NodeMarks.giveBack(&distB)
            NodeMarks.giveBack(&position)
        }
        var frontF: [Int32] = []
        var frontB: [Int32] = []
        for s in sources where distF[s] < 0 { distF[s] = 0; frontF.append(Int32(s)) }
        for t in targets where distB[t] < 0 { distB[t] = 0; frontB.append(Int32(t)) }

        var best = Int32.max
        var lastLayer: [Int32] = []
        for s in frontF where distB[Int(s)] == 0 { best = 0; lastLayer.append(s) }
        var depthF: Int32 = 0, depthB: Int32 = 0
        /// Expands one whole layer of one side; returns the new layer and the best meeting seen.
        func expand(_ front: [Int32], _ dist: inout NodeMarks, _ other: NodeMarks, depth: Int32, forward: Bool) -> [Int32] {
            var next: [Int32] = []
            for u in front {
                forEachNeighbor(of: Int(u), forward: forward, undirected: undirected) { v in
                    guard dist[v] < 0 else { return }
                    dist[v] = depth
                    next.append(Int32(v))
                    if other[v] >= 0 { best = min(best, depth + other[v]) }
                }
            }
            return next
        }
        /// The links expanding a layer reads: the side that reads fewer goes next (a layer of
        /// ten nodes, one of them a hub, costs more than a layer of a hundred leaves).
        func cost(_ front: [Int32], forward: Bool) -> Int {
            var links = 0
            for u in front {
                if forward || undirected { links += outDegree(Int(u)) }
                if !forward || undirected { links += inDegree(Int(u)) }
            }
            return links
        }
        var (costF, costB) = (cost(frontF, forward: true), cost(frontB, forward: false))
        while best == Int32.max && !frontF.isEmpty && !frontB.isEmpty {
            if costF <= costB {
                depthF += 1
                frontF = expand(frontF, &distF, distB, depth: depthF, forward: true)
                costF = cost(frontF, forward: true)
                lastLayer = frontF
            } else {
                depthB += 1
                frontB = expand(frontB, &distB, distF, depth: depthB, forward: false)
                costB = cost(frontB, forward: false)
                lastLayer = frontB
            }
        }
        guard best != Int32.max else { return nil }

        // Every node seen from both sides got its second distance in the last layer, so the
        // meeting nodes of all shortest paths are there. Mark the nodes of every shortest path
        // with their position on it: back towards the sources, then on towards the targets.
        var stack: [Int32] = []
        for v in lastLayer where distF[Int(v)] + distB[Int(v)] == best {
            position[Int(v)] = distF[Int(v)]
            stack.append(v)
        }
        var towardTargets = stack
        while let v = stack.popLast() {
            let p = position[Int(v)]
            guard p > 0 else { continue }
            forEachNeighbor(of: Int(v), forward: false, undirected: undirected) { w in
                if distF[w] == p - 1 && position[w] < 0 {
                    position[w] = p - 1
                    stack.append(Int32(w))
                }
            }
        }
        while let v = towardTargets.popLast() {
            let p = position[Int(v)]
            guard p < best else { continue }
            forEachNeighbor(of: Int(v), forward: true, undirected: undirected) { w in
                if distB[w] == best - p - 1 && position[w] < 0 {
                    position[w] = p + 1
                    towardTargets.append(Int32(w))
                }
            }
        }

        // Walk the marked nodes depth-first, least successor first, which lists the paths
        // in slug-key order. Every marked node lies on a shortest path, so the walk never
        // backs out of a dead end: `limit` paths cost `limit` × `best` steps. A node's marked
        // successors are found once and kept (in `choiceStore`): a hub with a million links
        // that every path crosses is scanned once, not once a path. The walk keeps its own
        // stack: a path may be very long.
        var choiceStore: [Int] = []
        var choicesOf: [Int: Range<Int>] = [:]
        func markedSuccessors(_ v: Int) -> Range<Int> {
            if let known = choicesOf[v] { return known }
            let p = position[v]
            var next: [Int] = []
            forEachNeighbor(of: v, forward: true, undirected: undirected) { w in
                if position[w] == p + 1 { next.append(w) }
            }
            let start = choiceStore.count
            choiceStore += undirected ? Array(Set(next)).sorted() : next
            choicesOf[v] = start..<choiceStore.count
            return start..<choiceStore.count
        }
        var starts: [Int] = []
        for s in sources where position[s] == 0 { starts.append(s) }
        choiceStore = Array(Set(starts)).sorted()
        var paths: [[Int]] = []
        var path: [Int] = []
        // Per level of the walk: the choices left there, as a range of `choiceStore`.
        var choices: [Range<Int>] = [0..<choiceStore.count]
        while !choices.isEmpty && paths.count < limit {
            let level = choices.count - 1
            guard let next = choices[level].first else {
                choices.removeLast()
                if !path.isEmpty { path.removeLast() }
                continue
            }
            choices[level] = choices[level].dropFirst()
            let v = choiceStore[next]
            path.append(v)
            if path.count - 1 == Int(best) {
                paths.append(path)
                path.removeLast()
            } else {
                choices.append(markedSuccessors(v))
            }
        }
        return ShortestPaths(length: Int(best), paths: paths)
    }

    /// Calls `body` with each neighbour of `u`: successors when `forward`, predecessors otherwise,
    /// both when `undirected`.
    @inline(__always)
    func forEachNeighbor(of u: Int, forward: Bool, undirected: Bool, _ body: (Int) -> Void) {
        if forward || undirected {
            for v in successors(of: u) { body(Int(v)) }
        }
        if !forward || undirected {
            if let inSources {
                for v in inSources[Int(inOffsets[u])..<Int(inOffsets[u + 1])] { body(Int(v)) }
            } else {
                for e in incomingEdges(of: u) { body(Int(edgeSource[Int(e)])) }
            }
        }
    }
}
