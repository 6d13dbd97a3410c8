import TermgraphCore
import TermgraphCorpus

/// The resolution step: each article's links resolved and merged into its edges, on every core.
enum LinkResolution {
    /// The links of `articles[batch]`, resolved a slice of articles at a time on every core:
    /// the slices in article order (their concatenation is one entry per article of the batch).
    static func resolveAll(_ articles: [Article], _ batch: Range<Int>, resolver: LinkResolver) -> [[ResolvedLinks]] {
        Parallel.map(Parallel.slices(batch.count, minimum: 256), chunk: 1) { range in
            resolve(range.map { $0 + batch.lowerBound }, in: articles, resolver: resolver, keepingTrails: false)
        }
    }

    /// One article's links: edges to other articles merged by target in first-seen order, each
    /// with the links that give its distinct anchor texts, and the links to wanted terms.
    struct ResolvedLinks: Sendable {
        var edges: [(target: Int32, weight: Int32)] = []
        /// Edge `e`'s distinct anchor texts, in first-seen order, are those of the links
        /// `anchorLinks[anchorStart[e] ..< anchorStart[e + 1]]`.
        var anchorLinks: [Int32] = []
        var anchorStart: [Int32] = [0]
        /// Links to wanted terms, in order, with the key and form each resolved to.
        var wanted: [(link: Int, key: String, written: String)] = []
        /// Vault links whose note name fits several articles: the one chosen, and every candidate.
        var ambiguous: [(link: Int, chosen: Int, candidates: [Int])] = []
        var links = 0
        var external = 0
        var attachments = 0
        /// The names every link's resolution looked up (`NameTrail`), when trails are kept.
        var trail: [UInt32] = []
    }

    /// Resolves the links of `articles[range]`. Plain `/slug` targets take the resolver's quick
    /// path; others are often written the same way many times, so each spelling is resolved
    /// once per chunk (a relative one once per folder).
    static func resolve(_ sources: [Int], in articles: [Article], resolver: LinkResolver, keepingTrails: Bool) -> [ResolvedLinks] {
        var cache: [String: (target: LinkTarget, trail: NameTrail)] = [:]
        var trail = NameTrail(recording: keepingTrails)
        return sources.map { source in
            let article = articles[source]
            let list = article.links
            let folder = article.path.lastIndex(of: "/").map { String(article.path[..<$0]) } ?? ""
            let scope = resolver.scope(ofArticleAt: article.path)
            var result = ResolvedLinks()
            var edgeOf: [Int32: Int] = [:]
            var anchorsOf: [DistinctAnchors] = []
            trail.removeAll()
            for link in list.entries {
                let i = link.index, target = link.target, kind = link.kind
                let resolution: LinkTarget
                if let simple = resolver.resolveSimple(target, kind: kind, trail: &trail) {
                    resolution = simple
                } else {
                    var cacheKey = resolver.cacheKey(target, kind: kind, folder: folder)
                    if !scope.isEmpty { cacheKey = scope + "\u{1}" + cacheKey }
                    if let known = cache[cacheKey] {
                        resolution = known.target
                        trail.note(known.trail)
                    } else {
                        var own = NameTrail(recording: keepingTrails)
                        resolution = resolver.resolve(target, from: article.path, kind: kind, trail: &own)
                        cache[cacheKey] = (resolution, own)
                        trail.note(own)
                    }
                }
                switch resolution {
                case .external:
                    result.external += 1
                case .attachment:
                    result.attachments += 1
                case .none:
                    result.links += 1
                case let .wanted(key, written):
                    result.links += 1
                    result.wanted.append((i, key, written))
                case .article(let a), .ambiguous(let a, _):
                    result.links += 1
                    if case .ambiguous(_, let candidates) = resolution { result.ambiguous.append((i, a, candidates)) }
                    if a == source { continue }
                    let e: Int
                    if let known = edgeOf[Int32(a)] {
                        e = known
                        result.edges[e].weight += 1
                    } else {
                        e = result.edges.count
                        edgeOf[Int32(a)] = e
                        result.edges.append((Int32(a), 1))
                        anchorsOf.append(DistinctAnchors())
                    }
                    anchorsOf[e].add(i, text: link.anchorText, of: list)
                }
            }
            result.anchorLinks.reserveCapacity(anchorsOf.reduce(0) { $0 + $1.links.count })
            result.anchorStart.reserveCapacity(anchorsOf.count + 1)
            for anchors in anchorsOf {
                result.anchorLinks += anchors.links.map { Int32($0) }
                result.anchorStart.append(Int32(result.anchorLinks.count))
            }
            // Each name once: a delta build looks every article's trail over.
            if keepingTrails { result.trail = Array(Set(trail.names)).sorted() }
            return result
        }
    }

    /// Whether two anchor texts are the same text: equal bytes, or (only possible outside ASCII)
    /// canonically equivalent, as Swift strings compare.
    static func sameText(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        if a == b { return true }
        if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }
}
