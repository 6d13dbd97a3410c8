import Synchronization

/// One number per node, each -1 until a search sets it: the distances and marks of one search.
///
/// ```swift
/// var seen = NodeMarks.borrow(nodeCount)
/// defer { NodeMarks.giveBack(&seen) }
/// seen[start] = 0
/// ```
///
/// Searches borrow them and give them back, and only the entries a search set are put back
/// to -1. A server answers `path` in a million-node graph over and over; a fresh 4 MB array
/// for each distance table cost more than the search itself (the kernel zeroes it page by
/// page), while a search between two terms reaches a few thousand nodes.
struct NodeMarks {
    private(set) var values: [Int32]
    /// The nodes set so far, each once, in the order they were first set.
    private(set) var touched: [Int32] = []

    private init(count: Int) {
        values = [Int32](repeating: -1, count: count)
    }

    subscript(node: Int) -> Int32 {
        @inline(__always) get { values[node] }
        @inline(__always) set {
            if values[node] < 0 { touched.append(Int32(node)) }
            values[node] = newValue
        }
    }

    /// Marks for a graph of `count` nodes, all -1.
    static func borrow(_ count: Int) -> NodeMarks {
        var marks = idle.withLock { $0.popLast() } ?? NodeMarks(count: count)
        if marks.values.count < count {
            marks.values.append(contentsOf: repeatElement(-1, count: count - marks.values.count))
        }
        return marks
    }

    /// Puts the marks back, every entry -1 again, for the next search to borrow.
    static func giveBack(_ marks: inout NodeMarks) {
        if marks.touched.count > marks.values.count / 8 {
            marks.values.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        } else {
            for node in marks.touched { marks.values[Int(node)] = -1 }
        }
        // A search that reached most of a big graph leaves a big list; it is not kept.
        marks.touched.removeAll(keepingCapacity: marks.touched.count <= 1 << 16)
        let kept = marks
        marks = NodeMarks(count: 0)
        idle.withLock { pool in
            if pool.count < poolSize { pool.append(kept) }
        }
    }

    /// As many as the searches that run at once use: a path takes three, two cores' worth of
    /// requests at a time.
    private static let poolSize = 8
    private static let idle = Mutex<[NodeMarks]>([])
}
