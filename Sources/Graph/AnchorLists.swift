import Synchronization
import TermgraphCore
/// The anchor texts of every edge: built as lists, or read from the on-disk index as one byte
/// buffer that is decoded edge by edge only when asked — a path query never pays for them.
public struct AnchorLists: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case lists([[String]])
        /// Edge `e`'s list starts at `base + offsets[e]` in `buffer`, as `ByteWriter` wrote it;
        /// lists read from the index are checked, all at once, the first time one is asked for.
        case encoded(buffer: ByteBuffer, base: Int, offsets: [Int32], check: BodyCheck?)
        /// Edge `e`'s list is list `order[e]` of `lists`: a graph's edges sorted without copying
        /// the texts of ten million of them.
        indirect case reordered(AnchorLists, order: [Int32])
    }

    /// The checksum the lists' bytes must have, verified once, on first use: a query that
    /// never reads an anchor text never pays for it.
    final class BodyCheck: Sendable {
        let expected: UInt64
        let damage: DamageFlag
        /// nil until verified; then whether the lists are good.
        private let verdict = Mutex<Bool?>(nil)

        init(expected: UInt64, damage: DamageFlag) {
            self.expected = expected
            self.damage = damage
        }

        func isGood(_ body: UnsafeRawBufferPointer) -> Bool {
            let good = verdict.withLock { known in
                if known == nil { known = Checksum.of(body) == expected }
                return known!
            }
            if !good { damage.raise() }
            return good
        }
    }

    let storage: Storage

    public init(_ lists: [[String]]) {
        storage = .lists(lists)
    }

    init(encoded buffer: ByteBuffer, base: Int, offsets: [Int32], check: BodyCheck? = nil) {
        storage = .encoded(buffer: buffer, base: base, offsets: offsets, check: check)
    }

    /// The lists of `lists` in the order `order` gives: list `e` is `lists[order[e]]`.
    init(_ lists: AnchorLists, reorderedBy order: [Int32]) {
        storage = .reordered(lists, order: order)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .lists(let lists): return lists.count
        case .encoded(_, _, let offsets, _): return Swift.max(offsets.count - 1, 0)
        case .reordered(_, let order): return order.count
        }
    }

    public subscript(e: Int) -> [String] {
        switch storage {
        case .lists(let lists):
            return lists[e]
        case let .encoded(buffer, base, offsets, check):
            if let check, !check.isGood(UnsafeRawBufferPointer(rebasing: buffer.bytes[base..<(base + Int(offsets.last ?? 0))])) { return [] }
            var reader = ByteReader(buffer, position: base + Int(offsets[e]))
            guard let texts = try? reader.readStrings() else {
                check?.damage.raise()
                return []
            }
            return texts
        case let .reordered(lists, order):
            return lists[Int(order[e])]
        }
    }
}

extension AnchorLists {
    /// Builds the encoded form edge by edge, straight from bytes: ten million edges never
    /// become ten million arrays of strings.
    package struct Builder {
        private let storage = GrowingBytes()
        private var writer: ByteWriter
        private var offsets: [Int32] = [0]

        package init() {
            writer = ByteWriter(streamingTo: storage.append)
        }

        /// Makes room for `count` lists' offsets at once.
        package mutating func reserveLists(_ count: Int) {
            offsets.reserveCapacity(count + 1)
        }

        /// Starts the next edge's list, of `count` anchor texts.
        package mutating func startList(count: Int) {
            writer.write(count)
        }

        /// One anchor text of the list being written, as UTF-8.
        package mutating func addText(_ text: ArraySlice<UInt8>) {
            writer.write(text.count)
            writer.append(contentsOf: text)
        }

        package mutating func endList() {
            offsets.append(Int32(writer.count))
        }

        /// The next edge's anchor texts.
        package mutating func append(_ texts: [String]) {
            writer.write(texts)
            endList()
        }

        /// The next edge's anchor texts: those of edge `e` of `lists`.
        package mutating func append(_ lists: AnchorLists, _ e: Int) {
            switch lists.storage {
            case .lists(let texts):
                append(texts[e])
            case let .encoded(buffer, base, listOffsets, _):
                writer.append(contentsOf: buffer.bytes[(base + Int(listOffsets[e]))..<(base + Int(listOffsets[e + 1]))])
                offsets.append(Int32(writer.count))
            case let .reordered(inner, order):
                append(inner, Int(order[e]))
            }
        }

        package consuming func build() -> AnchorLists {
            writer.finish()
            precondition(writer.failure == 0, "out of memory while building the anchor lists")
            return AnchorLists(encoded: storage.buffer(), base: 0, offsets: offsets)
        }
    }
}
