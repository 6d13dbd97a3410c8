import TermgraphCore
/// Which links a neighbourhood follows.
public enum LinkDirection: String, Sendable, CaseIterable {
    /// Links the term makes.
    case out
    /// Links made to the term.
    case `in`
    /// Either, as if the graph were undirected.
    case both
}

/// A term near another one, with how it is reached.
public struct Neighbor: Sendable, Equatable {
    public let node: Int
    /// The number of links between the two terms.
    public let distance: Int
    /// `out` or `in` when a path of that length follows links only forward or only backward,
    /// `both` when each kind exists, `mixed` when only paths that change direction do.
    public let direction: String
}

extension KnowledgeGraph {
    /// The terms within `depth` links of `start`, nearest first, then in slug-key order.
    ///
    /// ```swift
    /// graph.neighbors(of: settlement, depth: 1, direction: .both)
    /// ```
    public func neighbors(of start: Int, depth: Int, direction: LinkDirection) -> [Neighbor] {
        var forward = NodeMarks.borrow(nodeCount), backward = NodeMarks.borrow(nodeCount), either = NodeMarks.borrow(nodeCount)
        defer {
            NodeMarks.giveBack(&forward)
            NodeMarks.giveBack(&backward)
            NodeMarks.giveBack(&either)
        }
        if direction != .in { search(from: start, depth: depth, forward: true, undirected: false, into: &forward) }
        if direction != .out { search(from: start, depth: depth, forward: false, undirected: false, into: &backward) }
        if direction == .both { search(from: start, depth: depth, forward: true, undirected: true, into: &either) }
        // Following links either way reaches every node that one way alone does.
        let reached = switch direction {
        case .out: forward.touched
        case .in: backward.touched
        case .both: either.touched
        }
        var result: [Neighbor] = []
        for v in reached.lazy.map({ Int($0) }) where v != start {
            let d: Int32
            let label: String
            switch direction {
            case .out:
                d = forward[v]
                label = "out"
            case .in:
                d = backward[v]
                label = "in"
            case .both:
                d = either[v]
                let viaOut = forward[v] == d, viaIn = backward[v] == d
                label = viaOut && viaIn ? "both" : viaOut ? "out" : viaIn ? "in" : "mixed"
            }
            if d > 0 { result.append(Neighbor(node: v, distance: Int(d), direction: label)) }
        }
        result.sort { ($0.distance, $0.node) < ($1.distance, $1.node) }
        return result
    }

    /// Breadth-first distances from `start`, -1 beyond `depth` or unreachable.
    func distances(from start: Int, depth: Int, forward: Bool, undirected: Bool) -> [Int32] {
        var dist = NodeMarks.borrow(nodeCount)
        defer { NodeMarks.giveBack(&dist) }
        search(from: start, depth: depth, forward: forward, undirected: undirected, into: &dist)
        return Array(dist.values.prefix(nodeCount))
    }

    /// Sets each node's distance from `start` in `dist`, up to `depth` links.
    private func search(from start: Int, depth: Int, forward: Bool, undirected: Bool, into dist: inout NodeMarks) {
        dist[start] = 0
        var frontier: [Int32] = [Int32(start)]
        var level: Int32 = 0
        while !frontier.isEmpty && Int(level) < depth {
            level += 1
            var next: [Int32] = []
            for u in frontier {
                forEachNeighbor(of: Int(u), forward: forward, undirected: undirected) { v in
                    if dist[v] < 0 {
                        dist[v] = level
                        next.append(Int32(v))
                    }
                }
            }
            frontier = next
        }
    }
}
