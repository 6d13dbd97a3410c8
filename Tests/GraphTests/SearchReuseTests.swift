import TermgraphGraph
import Testing
import TestSupport

/// Searches borrow their distance tables and give them back with only the entries they set
/// put back (`NodeMarks`), and the graph orders its edges by counting them out per source. A
/// table given back with a stale entry, or an edge out of order, shows here as an answer that
/// differs from plain breadth-first search over adjacency lists on random graphs of many sizes,
/// asked one after another.
@Suite(.timeLimit(.minutes(1))) struct SearchReuseTests {
    /// A random graph of `n` nodes, and its distinct links out of and into each node.
    private static func randomGraph(_ n: Int, _ random: inout SeededRandom) -> (graph: KnowledgeGraph, out: [[Int]], into: [[Int]]) {
        let edges = (0..<(n * Int.random(in: 1...3, using: &random))).map { _ in
            (Int.random(in: 0..<n, using: &random), Int.random(in: 0..<n, using: &random))
        }
        var out = [[Int]](repeating: [], count: n), into = [[Int]](repeating: [], count: n)
        for pair in Set(edges.map { [$0.0, $0.1] }) where pair[0] != pair[1] {
            out[pair[0]].append(pair[1])
            into[pair[1]].append(pair[0])
        }
        return (makeGraph(n, edges), out, into)
    }

    /// Distances from `start` by breadth-first search, -1 where unreached.
    private static func distances(_ adjacent: [[Int]], from start: Int) -> [Int] {
        var dist = [Int](repeating: -1, count: adjacent.count)
        dist[start] = 0
        var queue = [start], head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for v in adjacent[u] where dist[v] < 0 {
                dist[v] = dist[u] + 1
                queue.append(v)
            }
        }
        return dist
    }

    @Test func searchesAskedOneAfterAnotherAnswerAsFreshOnes() {
        var random = SeededRandom(seed: 0x5EA4C4)
        for round in 0..<48 {
            let n = [6, 2_000, 40, 300][round % 4] + Int.random(in: 0..<5, using: &random)
            let (graph, out, into) = Self.randomGraph(n, &random)
            let both = zip(out, into).map { Array(Set($0 + $1)) }
            for _ in 0..<8 {
                let (a, b) = (Int.random(in: 0..<n, using: &random), Int.random(in: 0..<n, using: &random))
                let fromA = Self.distances(out, from: a)
                let found = graph.shortestPaths(from: [a], to: [b], limit: 20)
                #expect(found?.length == (fromA[b] < 0 ? nil : fromA[b]), "round \(round): \(a) → \(b)")
                if let found {
                    // How many shortest paths reach each node, counted in order of distance.
                    var count = [Int](repeating: 0, count: n)
                    count[a] = 1
                    for v in (0..<n).filter({ fromA[$0] > 0 }).sorted(by: { fromA[$0] < fromA[$1] }) {
                        count[v] = into[v].filter { fromA[$0] == fromA[v] - 1 }.reduce(0) { min($0 + count[$1], 1_000) }
                    }
                    #expect(found.paths.count == min(20, count[b]), "round \(round): \(a) → \(b)")
                    #expect(found.paths == found.paths.sorted { $0.lexicographicallyPrecedes($1) })
                    #expect(Set(found.paths).count == found.paths.count)
                    for path in found.paths {
                        #expect(path.count == found.length + 1 && path.first == a && path.last == b)
                        #expect(zip(path, path.dropFirst()).allSatisfy { out[$0].contains($1) })
                    }
                }
                for (direction, adjacent) in [(LinkDirection.out, out), (.in, into), (.both, both)] {
                    let dist = Self.distances(adjacent, from: a)
                    let expected = (0..<n).filter { (1...2).contains(dist[$0]) }.sorted { (dist[$0], $0) < (dist[$1], $1) }
                    let near = graph.neighbors(of: a, depth: 2, direction: direction)
                    #expect(near.map(\.node) == expected, "round \(round): \(direction) of \(a)")
                    #expect(near.map(\.distance) == expected.map { dist[$0] })
                }
            }
        }
    }

    /// Nodes given out of key order, with repeated edges and self-loops: the edges come out by
    /// source, then target, in the sorted numbering, repeats merged (weights summed, anchor
    /// texts kept once each in the order given).
    @Test func edgesComeOutBySourceThenTargetWhateverOrderTheyAreGivenIn() {
        var random = SeededRandom(seed: 0xED9E)
        for _ in 0..<20 {
            let n = Int.random(in: 1...200, using: &random)
            let keys = (0..<n).map { "k\(($0 * 7919) % 1_009)-\($0)" }
            let nodes = keys.map { Node(slug: $0, key: $0, title: $0) }
            let edges = (0..<(n * 4)).map { _ in
                EdgeRecord(source: Int32.random(in: 0..<Int32(n), using: &random), target: Int32.random(in: 0..<Int32(n), using: &random),
                           weight: Int32.random(in: 1...3, using: &random), anchors: ["a\(Int.random(in: 0..<3, using: &random))"])
            }
            let graph = KnowledgeGraph(nodes: nodes, edges: edges)
            let sorted = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let position = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
            var merged: [[Int32]: (weight: Int32, anchors: [String])] = [:]
            for edge in edges where edge.source != edge.target {
                let pair = [position[keys[Int(edge.source)]]!, position[keys[Int(edge.target)]]!]
                var entry = merged[pair] ?? (0, [])
                entry.weight += edge.weight
                for text in edge.anchors where !entry.anchors.contains(text) { entry.anchors.append(text) }
                merged[pair] = entry
            }
            let pairs = merged.keys.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(graph.nodes.indices.map { graph.nodes.key($0) } == sorted)
            #expect(graph.edgeSource == pairs.map { $0[0] })
            #expect(graph.edgeTarget == pairs.map { $0[1] })
            #expect(graph.edgeWeight == pairs.map { merged[$0]!.weight })
            #expect(Array(graph.edgeAnchors) == pairs.map { merged[$0]!.anchors })
        }
    }
}
