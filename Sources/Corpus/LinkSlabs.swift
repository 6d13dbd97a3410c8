/// The link lists of many articles kept in a few large shared buffers, for a reader that
/// makes a corpus's articles one after another (a dump's pages): a million lists of a few
/// hundred bytes each, allocated among the articles' strings, would leave the memory they free
/// once linked scattered in holes the C library cannot give back. A slab is freed whole when
/// the last list in it goes, which the graph builder does batch by batch.
///
/// ```swift
/// var slabs = LinkSlabs()
/// slabs.add(found.links, to: articles.count - 1)
/// slabs.flush(into: &articles)   // every article given since the last flush gets its list
/// ```
struct LinkSlabs {
    /// The encoded lists not yet handed out, and whose they are.
    private var pending: [UInt8] = []
    private var owners: [(article: Int, start: Int, links: Int)] = []

    /// A slab is made once this many bytes are waiting: large enough that its buffer is
    /// mapped on its own, not taken from the heap the strings live in.
    static let slabBytes = 1 << 20

    /// Keeps `links` for article `article`, to be given it at the next flush.
    mutating func add(_ links: [Link], to article: Int) {
        guard !links.isEmpty else { return }
        if pending.isEmpty { pending.reserveCapacity(Self.slabBytes + LinkList.roomNeeded(links)) }
        owners.append((article, pending.count, links.count))
        LinkList.encode(links, into: &pending)
    }

    /// Whether enough is waiting to make a slab.
    var isFull: Bool { pending.count >= Self.slabBytes }

    /// Gives every article added since the last flush its list, all in one buffer of its size.
    mutating func flush(into articles: inout [Article]) {
        guard !owners.isEmpty else { return }
        let slab = [UInt8](unsafeUninitializedCapacity: pending.count) { buffer, count in
            count = pending.withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
        }
        for (k, owner) in owners.enumerated() {
            let end = k + 1 < owners.count ? owners[k + 1].start : slab.count
            articles[owner.article].links = LinkList(encoded: slab, at: owner.start..<end, count: owner.links)
        }
        pending.removeAll(keepingCapacity: true)
        owners.removeAll(keepingCapacity: true)
    }
}
