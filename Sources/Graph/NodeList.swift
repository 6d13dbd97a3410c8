import TermgraphCore

/// The nodes of a graph: built as values, or read from the on-disk index as encoded records that
/// are decoded one at a time when asked. A query that touches a dozen nodes of a million-node
/// graph decodes a dozen.
public struct NodeList: RandomAccessCollection, MutableCollection, Sendable {
    private var values: [Node]
    /// Node records as the index holds them; nil once the nodes are values.
    var encoded: Encoded?
    /// For encoded nodes, what walks over edges ask of their ends without decoding them: bit 0
    /// stub, bit 1 category inferred, the rest the category + 1 (0 for none).
    var flags: [Int32] = []

    /// Node `v` is `buffer.bytes[bounds[v] ..< bounds[v + 1]]`, whose checksum is `checks[v]`;
    /// a decoded category must be below `categories`. A record that fails either check raises
    /// `damage` and reads as a placeholder.
    struct Encoded: Sendable {
        var buffer: ByteBuffer
        var bounds: [Int]
        var checks: [Int32]
        var categories: Int
        var damage: DamageFlag

        /// Record `v`'s bytes, checked against its checksum.
        func reader(_ v: Int) -> ByteReader? {
            let record = UnsafeRawBufferPointer(rebasing: buffer.bytes[bounds[v]..<bounds[v + 1]])
            guard Self.check(record) == checks[v] else { return nil }
            return ByteReader(buffer, position: bounds[v])
        }

        static func check(_ record: UnsafeRawBufferPointer) -> Int32 {
            Int32(truncatingIfNeeded: Checksum.of(record))
        }
    }

    public init(_ nodes: [Node]) {
        values = nodes
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { encoded.map { $0.bounds.count - 1 } ?? values.count }

    public subscript(v: Int) -> Node {
        get {
            guard let encoded else { return values[v] }
            do {
                guard var reader = encoded.reader(v) else { throw ByteReader.Corrupt() }
                let node = try Node(from: &reader)
                guard node.category.map({ $0 < encoded.categories }) ?? true else { throw ByteReader.Corrupt() }
                return node
            } catch {
                encoded.damage.raise()
                return Node(slug: "", key: "", title: "", isStub: isStub(v))
            }
        }
        set {
            if encoded != nil {
                values = Array(self)
                encoded = nil
                flags = []
            }
            values[v] = newValue
        }
    }

    /// Whether node `v` is a stub, without decoding it.
    public func isStub(_ v: Int) -> Bool {
        encoded == nil ? values[v].isStub : flags[v] & 1 != 0
    }

    /// Node `v`'s category, without decoding it.
    public func category(_ v: Int) -> Int? {
        guard encoded != nil else { return values[v].category }
        let category = Int(flags[v] >> 2) - 1
        return category >= 0 ? category : nil
    }

    static func flags(of node: Node) -> Int32 {
        (node.isStub ? 1 : 0) | (node.categoryInferred ? 2 : 0) | Int32((node.category ?? -1) + 1) << 2
    }

    /// Node `v`'s key, without decoding the rest of it (binary search over keys).
    public func key(_ v: Int) -> String {
        guard let encoded else { return values[v].key }
        do {
            guard var reader = encoded.reader(v) else { throw ByteReader.Corrupt() }
            _ = try reader.readRange(try reader.readInt())
            return try reader.readString()
        } catch {
            encoded.damage.raise()
            return ""
        }
    }
}
