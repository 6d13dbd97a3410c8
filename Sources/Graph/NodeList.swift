/// The nodes of a graph: built as values, or read from the on-disk index as encoded records that
/// are decoded one at a time when asked. A query that touches a dozen nodes of a million-node
/// graph decodes a dozen.
public struct NodeList: RandomAccessCollection, MutableCollection, Sendable {
    private var values: [Node]
    /// Node `v` starts at `encoded.offsets[v]` in `encoded.buffer`; nil once the nodes are values.
    /// A decoded category must be below `categories`.
    private var encoded: (buffer: ByteBuffer, offsets: [Int], categories: Int)?
    /// For encoded nodes, what walks over edges ask of their ends without decoding them: bit 0
    /// stub, bit 1 category inferred, the rest the category + 1 (0 for none).
    private var flags: [Int32] = []

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

    private static func flags(of node: Node) -> Int32 {
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

    /// Appends each record's length, then the records: what `decode(from:categories:)` reads back.
    /// Each node is encoded twice, once to measure it, so that the records never sit in memory
    /// all at once.
    func encode(to writer: inout ByteWriter) {
        var scratch = ByteWriter()
        var lengths: [Int32] = []
        lengths.reserveCapacity(count)
        var total = 0
        for node in self {
            scratch.reset()
            node.encode(to: &scratch)
            lengths.append(Int32(scratch.count))
            total += scratch.count
        }
        writer.write(lengths)
        writer.write(map(Self.flags(of:)))
        writer.write(total)
        for node in self { node.encode(to: &writer) }
    }

    /// Reads where each record starts and leaves the records where they are; a record is
    /// checked when it is decoded.
    static func decode(from reader: inout ByteReader, categories: Int) throws(ByteReader.Corrupt) -> NodeList {
        let lengths = try reader.readInt32s()
        let flags = try reader.readInt32s()
        let body = try reader.readRange(try reader.readCount(max: Int.max))
        guard flags.count == lengths.count, flags.allSatisfy({ $0 >= 0 && Int($0 >> 2) <= categories }) else {
            throw ByteReader.Corrupt()
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(lengths.count)
        var position = body.lowerBound
        for length in lengths {
            guard length > 0 else { throw ByteReader.Corrupt() }
            offsets.append(position)
            position += Int(length)
        }
        guard position == body.upperBound else { throw ByteReader.Corrupt() }
        var list = NodeList([])
        list.encoded = (reader.buffer, offsets, categories)
        list.flags = flags
        return list
    }
}

extension Node {
    func encode(to writer: inout ByteWriter) {
        writer.write(slug)
        writer.write(key)
        writer.write(title)
        writer.write(description)
        writer.write(keywords)
        writer.write(aliases)
        writer.write(category ?? -1)
        writer.write(categoryInferred)
        writer.write(isStub)
        writer.write(path)
        NodeAttribute.encode(attributes, to: &writer)
    }

    init(from reader: inout ByteReader) throws(ByteReader.Corrupt) {
        let slug = try reader.readString(), key = try reader.readString(), title = try reader.readString()
        let description = try reader.readOptionalString()
        let keywords = try reader.readStrings(), aliases = try reader.readStrings()
        let category = try reader.readInt()
        let inferred = try reader.readBool(), stub = try reader.readBool()
        let path = try reader.readOptionalString()
        let attributes = try NodeAttribute.decodeList(from: &reader)
        self.init(slug: slug, key: key, title: title, description: description, keywords: keywords, aliases: aliases,
                  category: category >= 0 ? category : nil, categoryInferred: inferred, isStub: stub,
                  path: path, attributes: attributes)
    }
}
