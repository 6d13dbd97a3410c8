import TermgraphCore
/// The nodes of a graph: built as values, or read from the on-disk index as encoded records that
/// are decoded one at a time when asked. A query that touches a dozen nodes of a million-node
/// graph decodes a dozen.
public struct NodeList: RandomAccessCollection, MutableCollection, Sendable {
    private var values: [Node]
    /// Node `v` starts at `encoded.offsets[v]` in `encoded.buffer`; nil once the nodes are values.
    /// A decoded category must be below `categories`.
    var encoded: (buffer: ByteBuffer, offsets: [Int], categories: Int)?
    /// For encoded nodes, what walks over edges ask of their ends without decoding them: bit 0
    /// stub, bit 1 category inferred, the rest the category + 1 (0 for none).
    var flags: [Int32] = []

    public init(_ nodes: [Node]) {
        values = nodes
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { encoded.map { $0.offsets.count } ?? values.count }

    public subscript(v: Int) -> Node {
        get {
            guard let (buffer, offsets, categories) = encoded else { return values[v] }
            var reader = ByteReader(buffer, position: offsets[v])
            do {
                let node = try Node(from: &reader)
                guard node.category.map({ $0 < categories }) ?? true else { throw ByteReader.Corrupt() }
                return node
            } catch {
                fatalError("the on-disk index is damaged at node \(v); delete its folder or run with --no-cache")
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
        guard let (buffer, offsets, _) = encoded else { return values[v].key }
        var reader = ByteReader(buffer, position: offsets[v])
        do {
            _ = try reader.readRange(try reader.readInt())
            return try reader.readString()
        } catch {
            fatalError("the on-disk index is damaged at node \(v); delete its folder or run with --no-cache")
        }
    }
}
