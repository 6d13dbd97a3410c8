import Glibc
import TermgraphCore
import TermgraphGraph
/// An immutable map from strings to node lists, kept as sorted flat arrays: looked up by binary
/// search over raw bytes, and written to and read from the on-disk index as four copies.
struct SortedTable: Sendable {
    /// `keyBytes[keyOffsets[k] ..< keyOffsets[k + 1]]` is key `k`; keys are in byte order.
    private let keyBytes: [UInt8]
    private let keyOffsets: [Int32]
    /// `nodes[nodeOffsets[k] ..< nodeOffsets[k + 1]]` are key `k`'s nodes.
    private let nodeOffsets: [Int32]
    private let nodes: [Int32]

    init(keyBytes: [UInt8], keyOffsets: [Int32], nodeOffsets: [Int32], nodes: [Int32]) {
        (self.keyBytes, self.keyOffsets, self.nodeOffsets, self.nodes) = (keyBytes, keyOffsets, nodeOffsets, nodes)
    }

    var count: Int { keyOffsets.count - 1 }

    func key(_ k: Int) -> String {
        String(decoding: keyBytes[Int(keyOffsets[k])..<Int(keyOffsets[k + 1])], as: UTF8.self)
    }

    func nodes(_ k: Int) -> [Int] {
        nodes[Int(nodeOffsets[k])..<Int(nodeOffsets[k + 1])].map(Int.init)
    }

    /// Every key holding `needle`, with where in the key it first starts (in bytes), in key
    /// order. One pass over all the keys' bytes, however many keys there are.
    func keys(containing needle: [UInt8]) -> [(key: Int, offset: Int)] {
        guard !needle.isEmpty, !keyBytes.isEmpty else { return [] }
        return needle.count <= Self.shortNeedle ? keys(holdingShort: needle) : keys(holdingLong: needle)
    }

    /// Needles up to this many bytes are looked for by comparing at every place their second
    /// byte occurs, which costs at most this many bytes a place.
    private static let shortNeedle = 64

    /// A long needle, by Knuth–Morris–Pratt within each key long enough to hold it: linear in
    /// the keys' bytes whatever they repeat. Comparing at every place cost the needle's length
    /// each time: `aaa…ab` (100,000 bytes) in a title of two million `a` took half a minute.
    private func keys(holdingLong needle: [UInt8]) -> [(key: Int, offset: Int)] {
        // fallback[i]: the length of the longest proper prefix of needle[...i] that is also its suffix.
        var fallback = [Int](repeating: 0, count: needle.count)
        var length = 0
        for i in 1..<needle.count {
            while length > 0 && needle[i] != needle[length] { length = fallback[length - 1] }
            if needle[i] == needle[length] { length += 1 }
            fallback[i] = length
        }
        var found: [(key: Int, offset: Int)] = []
        for k in 0..<count {
            let start = Int(keyOffsets[k]), end = Int(keyOffsets[k + 1])
            guard end - start >= needle.count else { continue }
            var matched = 0
            for i in start..<end {
                let byte = keyBytes[i]
                while matched > 0 && byte != needle[matched] { matched = fallback[matched - 1] }
                if byte == needle[matched] { matched += 1 }
                if matched == needle.count {
                    found.append((k, i + 1 - needle.count - start))
                    break
                }
            }
        }
        return found
    }

    /// A short needle, by `memchr` for its second byte (in Arabic text the first is nearly
    /// always D8 or D9, the lead byte of every letter) and `memcmp` at each place found.
    private func keys(holdingShort needle: [UInt8]) -> [(key: Int, offset: Int)] {
        var found: [(key: Int, offset: Int)] = []
        keyBytes.withUnsafeBytes { all in
            needle.withUnsafeBytes { wanted in
                let pivot = needle.count > 1 ? 1 : 0
                var from = 0
                while from + needle.count <= all.count,
                      let hit = memchr(all.baseAddress! + from + pivot, Int32(needle[pivot]), all.count - from - needle.count + 1) {
                    let at = all.baseAddress!.distance(to: UnsafeRawPointer(hit)) - pivot
                    guard memcmp(all.baseAddress! + at, wanted.baseAddress!, needle.count) == 0 else {
                        from = at + 1
                        continue
                    }
                    let k = keyIndex(containingByte: at)
                    let end = Int(keyOffsets[k + 1])
                    if at + needle.count <= end {
                        found.append((k, at - Int(keyOffsets[k])))
                        from = end  // the first place in this key is enough
                    } else {
                        from = at + 1  // it ran over into the next key
                    }
                }
            }
        }
        return found
    }

    /// The key whose bytes include position `byte` of `keyBytes`.
    private func keyIndex(containingByte byte: Int) -> Int {
        var low = 0, high = count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(keyOffsets[mid]) <= byte { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The raw bytes of key `k`.
    func keyBytes(_ k: Int) -> ArraySlice<UInt8> {
        keyBytes[Int(keyOffsets[k])..<Int(keyOffsets[k + 1])]
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

    /// The table with every node renumbered by `renumber` (old → new, ascending where both
    /// are kept), and the nodes it maps to -1 left out, with keys that no node is left under.
    func renumbered(by renumber: [Int32]) -> SortedTable {
        var keyBytes: [UInt8] = [], keyOffsets: [Int32] = [0], nodeOffsets: [Int32] = [0], kept: [Int32] = []
        keyBytes.reserveCapacity(self.keyBytes.count)
        kept.reserveCapacity(nodes.count)
        for k in 0..<count {
            let before = kept.count
            for node in nodes[Int(self.nodeOffsets[k])..<Int(self.nodeOffsets[k + 1])] where renumber[Int(node)] >= 0 {
                kept.append(renumber[Int(node)])
            }
            guard kept.count > before else { continue }
            keyBytes.append(contentsOf: self.keyBytes(k))
            keyOffsets.append(Int32(keyBytes.count))
            nodeOffsets.append(Int32(kept.count))
        }
        return SortedTable(keyBytes: keyBytes, keyOffsets: keyOffsets, nodeOffsets: nodeOffsets, nodes: kept)
    }

    /// The union of two tables whose node sets are disjoint: keys in byte order, each key's
    /// nodes ascending.
    func merged(with other: SortedTable) -> SortedTable {
        guard other.count > 0 else { return self }
        var keyBytes: [UInt8] = [], keyOffsets: [Int32] = [0], nodeOffsets: [Int32] = [0], nodes: [Int32] = []
        keyBytes.reserveCapacity(self.keyBytes.count + other.keyBytes.count)
        nodes.reserveCapacity(self.nodes.count + other.nodes.count)
        var a = 0, b = 0
        while a < count || b < other.count {
            let fromSelf: Bool, both: Bool
            if a == count { (fromSelf, both) = (false, false) } else if b == other.count { (fromSelf, both) = (true, false) } else {
                let x = self.keyBytes(a), y = other.keyBytes(b)
                both = x.elementsEqual(y)
                fromSelf = both || x.lexicographicallyPrecedes(y)
            }
            keyBytes.append(contentsOf: fromSelf ? self.keyBytes(a) : other.keyBytes(b))
            if both {
                let x = self.nodes[Int(self.nodeOffsets[a])..<Int(self.nodeOffsets[a + 1])]
                let y = other.nodes[Int(other.nodeOffsets[b])..<Int(other.nodeOffsets[b + 1])]
                var i = x.startIndex, j = y.startIndex
                while i < x.endIndex || j < y.endIndex {
                    if j == y.endIndex || (i < x.endIndex && x[i] < y[j]) { nodes.append(x[i]); i += 1 } else { nodes.append(y[j]); j += 1 }
                }
                a += 1
                b += 1
            } else if fromSelf {
                nodes += self.nodes[Int(self.nodeOffsets[a])..<Int(self.nodeOffsets[a + 1])]
                a += 1
            } else {
                nodes += other.nodes[Int(other.nodeOffsets[b])..<Int(other.nodeOffsets[b + 1])]
                b += 1
            }
            keyOffsets.append(Int32(keyBytes.count))
            nodeOffsets.append(Int32(nodes.count))
        }
        return SortedTable(keyBytes: keyBytes, keyOffsets: keyOffsets, nodeOffsets: nodeOffsets, nodes: nodes)
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

/// Numbers for distinct texts, so that tables of (text, node) pairs sort as plain words.
struct FormNumbers: Sendable {
    private var numbers: [[UInt8]: Int32] = [:]
    private(set) var texts: [[UInt8]] = []

    mutating func number(_ bytes: [UInt8]) -> Int32 {
        if let known = numbers[bytes] { return known }
        let n = Int32(texts.count)
        numbers[bytes] = n
        texts.append(bytes)
        return n
    }

    /// One table for each list of pairs (text number << 32 | node): keys in byte order, each
    /// key's nodes ascending and distinct.
    func tables(_ lists: [[UInt64]]) -> [SortedTable] {
        // Renumber the texts in byte order, so that sorting the words sorts by key.
        let order = texts.indices.sorted { texts[$0].lexicographicallyPrecedes(texts[$1]) }
        var rank = [UInt64](repeating: 0, count: texts.count)
        for (r, t) in order.enumerated() { rank[t] = UInt64(r) }
        let ranks = rank
        return Parallel.map(lists, chunk: 1) { table($0, order: order, rank: ranks) }
    }

    private func table(_ pairs: [UInt64], order: [Int], rank: [UInt64]) -> SortedTable {
        var sorted = pairs.map { rank[Int($0 >> 32)] << 32 | ($0 & 0xFFFF_FFFF) }
        sorted.sort()
        var keyBytes: [UInt8] = [], keyOffsets: [Int32] = [0], nodeOffsets: [Int32] = [0], nodes: [Int32] = []
        var previous: UInt64?
        for word in sorted where word != previous {
            if previous.map({ $0 >> 32 != word >> 32 }) ?? true {
                if previous != nil {
                    keyOffsets.append(Int32(keyBytes.count))
                    nodeOffsets.append(Int32(nodes.count))
                }
                keyBytes.append(contentsOf: texts[order[Int(word >> 32)]])
            }
            nodes.append(Int32(word & 0xFFFF_FFFF))
            previous = word
        }
        if previous != nil {
            keyOffsets.append(Int32(keyBytes.count))
            nodeOffsets.append(Int32(nodes.count))
        }
        return SortedTable(keyBytes: keyBytes, keyOffsets: keyOffsets, nodeOffsets: nodeOffsets, nodes: nodes)
    }
}
