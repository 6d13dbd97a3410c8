extension KnowledgeGraph {
    /// The edge from `u` to `v`, if there is one: a binary search of `u`'s outgoing edges, which
    /// are sorted by target.
    public func edge(from u: Int, to v: Int) -> Int? {
        var low = Int(outOffsets[u]), high = Int(outOffsets[u + 1])
        while low < high {
            let mid = (low + high) / 2
            if Int(edgeTarget[mid]) < v { low = mid + 1 } else { high = mid }
        }
        return low < Int(outOffsets[u + 1]) && Int(edgeTarget[low]) == v ? low : nil
    }
}
