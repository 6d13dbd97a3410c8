/// An immutable map from strings to node lists, kept as sorted flat arrays: looked up by binary
/// search over raw bytes, and written to and read from the on-disk index as four copies.
struct SortedTable: Sendable {
    /// `keyBytes[keyOffsets[k] ..< keyOffsets[k + 1]]` is key `k`; keys are in byte order.
    private let keyBytes: [UInt8]
    private let keyOffsets: [Int32]
    /// `nodes[nodeOffsets[k] ..< nodeOffsets[k + 1]]` are key `k`'s nodes.
    private let nodeOffsets: [Int32]
    private let nodes: [Int32]

    init(_ map: [String: [Int]]) {
        var keyBytes: [UInt8] = [], keyOffsets: [Int32] = [0], nodeOffsets: [Int32] = [0], nodes: [Int32] = []
        // Sorting byte arrays is several times faster than sorting strings by their UTF-8 views.
        let entries = map.map { (key: Array($0.key.utf8), nodes: $0.value) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        for entry in entries {
            keyBytes.append(contentsOf: entry.key)
            keyOffsets.append(Int32(keyBytes.count))
            nodes.append(contentsOf: entry.nodes.map { Int32($0) })
            nodeOffsets.append(Int32(nodes.count))
        }
        (self.keyBytes, self.keyOffsets, self.nodeOffsets, self.nodes) = (keyBytes, keyOffsets, nodeOffsets, nodes)
    }

    var count: Int { keyOffsets.count - 1 }

    func key(_ k: Int) -> String {
        String(decoding: keyBytes[Int(keyOffsets[k])..<Int(keyOffsets[k + 1])], as: UTF8.self)
    }

    func nodes(_ k: Int) -> [Int] {
        nodes[Int(nodeOffsets[k])..<Int(nodeOffsets[k + 1])].map(Int.init)
    }

    subscript(key: String) -> [Int]? {
        let target = Array(key.utf8)
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if keyBytes[Int(keyOffsets[mid])..<Int(keyOffsets[mid + 1])].lexicographicallyPrecedes(target) { low = mid + 1 } else { high = mid }
        }
        guard low < count, keyBytes[Int(keyOffsets[low])..<Int(keyOffsets[low + 1])].elementsEqual(target) else { return nil }
        return nodes(low)
    }

    func encode(to writer: inout ByteWriter) {
        writer.write(keyBytes.count)
        writer.append(keyBytes)
        writer.write(keyOffsets)
        writer.write(nodeOffsets)
        writer.write(nodes)
    }

    init(from reader: inout ByteReader, nodeCount: Int) throws(ByteReader.Corrupt) {
        keyBytes = try reader.readBytes(try reader.readCount())
        keyOffsets = try reader.readInt32s()
        nodeOffsets = try reader.readInt32s()
        nodes = try reader.readInt32s()
        guard !keyOffsets.isEmpty, nodeOffsets.count == keyOffsets.count, keyOffsets.first == 0, nodeOffsets.first == 0,
              Int(keyOffsets.last!) == keyBytes.count, Int(nodeOffsets.last!) == nodes.count,
              zip(keyOffsets, keyOffsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              zip(nodeOffsets, nodeOffsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              nodes.allSatisfy({ $0 >= 0 && Int($0) < nodeCount }) else { throw ByteReader.Corrupt() }
    }
}
