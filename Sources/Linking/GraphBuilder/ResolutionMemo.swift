import TermgraphCore
import TermgraphCorpus

/// What one build keeps so that the next, after a few files changed, resolves only the links
/// those changes can reach (the server's delta build): every node article's resolved links,
/// the names each resolution looked up (`NameTrail`), and the names each article is known by.
///
/// A link is resolved again when its article's file changed, or when its trail meets a name of
/// an article added, removed or changed; any other link's answer is the one it had, with the
/// articles it reaches renumbered. What every link's answer depends on beyond the articles'
/// names (the configuration, a vault's other files, redirects, translated copies) makes the next
/// build a full one when it is in play.
public struct ResolutionMemo: Sendable {
    /// Node articles by key: their position, key, path and names.
    fileprivate let positions: [String: Int32]
    package let keys: [String]
    fileprivate let paths: [String]
    fileprivate let names: [[UInt32]]
    fileprivate let resolved: [LinkResolution.ResolvedLinks]
    fileprivate let otherFiles: [String]
    /// The node articles and the resolver their links were resolved with: what tells where each
    /// link is written, without building them again.
    package let articles: [Article]
    package let resolver: LinkResolver
    /// How many node articles' links the build that made this memo resolved.
    public let articlesResolved: Int
    /// After a delta build, the keys of every node whose names may differ from the earlier
    /// build's: the articles resolved again or gone, and every node their links reached before
    /// or reach now (its anchor texts are among its names). Any other node has the names it had,
    /// so its entries in the term tables stand (`TermIndex(patching:)`). Nil after a full build.
    public let touchedKeys: Set<String>?

    /// Whether a build of `corpus` may start from this memo: its links depend on nothing but the
    /// articles' names.
    fileprivate func serves(_ corpus: Corpus) -> Bool {
        // Only a vault's links reach other files (as attachments).
        corpus.config.redirectRules.isEmpty && corpus.config.translations == nil
            && (corpus.config.links == .paths || corpus.otherFiles == otherFiles)
    }

    /// Every article's resolved links: taken from `earlier` where nothing they looked up changed,
    /// resolved afresh elsewhere (on every core); and the memo of this build.
    static func resolve(_ articles: [Article], keys: [String], pathKeys: [String], otherFiles: [String], resolver: LinkResolver,
                        changedFiles: Set<String>, after earlier: ResolutionMemo?, config: CorpusConfig) -> ([LinkResolution.ResolvedLinks], ResolutionMemo) {
        let base = TermKey.trimSlashes(config.base)
        var earlierPosition = [Int32](repeating: -1, count: articles.count)
        if let earlier {
            for i in articles.indices {
                if let old = earlier.positions[keys[i]], earlier.paths[Int(old)] == articles[i].path, !changedFiles.contains(articles[i].path) {
                    earlierPosition[i] = old
                }
            }
        }
        // An article taken as it was has the names it had.
        let known = earlierPosition
        let names = Parallel.map(Parallel.slices(articles.count, minimum: 1024), chunk: 1) { range in
            range.map { i in
                if let earlier, known[i] >= 0 { return earlier.names[Int(known[i])] }
                return LinkResolver.names(ofArticle: articles[i], key: keys[i], pathKey: pathKeys[i], base: base)
            }
        }.flatMap { $0 }
        var fresh: [Int] = []
        if let earlier {
            var kept = [Bool](repeating: false, count: earlier.paths.count)
            var changedNames: Set<UInt32> = []
            for i in articles.indices {
                if earlierPosition[i] >= 0 { kept[Int(earlierPosition[i])] = true } else { changedNames.formUnion(names[i]) }
            }
            var position = [Int32](repeating: -1, count: earlier.paths.count)
            for (i, old) in earlierPosition.enumerated() where old >= 0 { position[Int(old)] = Int32(i) }
            for (old, isKept) in kept.enumerated() where !isKept { changedNames.formUnion(earlier.names[old]) }
            for i in articles.indices {
                let old = earlierPosition[i]
                if old < 0 || earlier.resolved[Int(old)].trail.contains(where: changedNames.contains) { fresh.append(i) }
            }
            var resolved = [LinkResolution.ResolvedLinks](repeating: .init(), count: articles.count)
            var again: [Int] = []
            // After edits alone every article keeps its number: the links are taken as they are.
            let same = position.indices.allSatisfy { position[$0] < 0 || position[$0] == Int32($0) }
            for i in articles.indices where earlierPosition[i] >= 0 {
                if let renumbered = earlier.resolved[Int(earlierPosition[i])].renumbered(by: position, unchanged: same) {
                    resolved[i] = renumbered
                } else {
                    again.append(i)
                }
            }
            // An answer that reached an article no longer there means its trail missed a name: it
            // is resolved again rather than trusted.
            fresh = (Set(fresh).union(again)).sorted()
            for (i, links) in zip(fresh, resolveOnEveryCore(fresh, articles, resolver)) { resolved[i] = links }
            var touched = Set<String>()
            func touch(_ links: LinkResolution.ResolvedLinks, of key: String, keys: [String]) {
                touched.insert(key)
                for edge in links.edges { touched.insert(keys[Int(edge.target)]) }
                for wanted in links.wanted { touched.insert(wanted.key) }
            }
            for i in fresh {
                touch(resolved[i], of: keys[i], keys: keys)
                if earlierPosition[i] >= 0 { kept[Int(earlierPosition[i])] = false }
            }
            for (old, isKept) in kept.enumerated() where !isKept { touch(earlier.resolved[old], of: earlier.keys[old], keys: earlier.keys) }
            return (resolved, ResolutionMemo(keys: keys, articles: articles, resolver: resolver, names: names, resolved: resolved, otherFiles: otherFiles,
                                             articlesResolved: fresh.count, touchedKeys: touched))
        }
        let resolved = resolveOnEveryCore(Array(articles.indices), articles, resolver)
        return (resolved, ResolutionMemo(keys: keys, articles: articles, resolver: resolver, names: names, resolved: resolved, otherFiles: otherFiles,
                                         articlesResolved: articles.count, touchedKeys: nil))
    }

    private static func resolveOnEveryCore(_ sources: [Int], _ articles: [Article], _ resolver: LinkResolver) -> [LinkResolution.ResolvedLinks] {
        Parallel.map(Parallel.slices(sources.count, minimum: 256), chunk: 1) { range in
            LinkResolution.resolve(Array(sources[range]), in: articles, resolver: resolver, keepingTrails: true)
        }.flatMap { $0 }
    }

    private init(keys: [String], articles: [Article], resolver: LinkResolver, names: [[UInt32]], resolved: [LinkResolution.ResolvedLinks], otherFiles: [String],
                 articlesResolved: Int, touchedKeys: Set<String>?) {
        var positions: [String: Int32] = [:]
        positions.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() { positions[key] = Int32(i) }
        self.positions = positions
        self.keys = keys
        self.articles = articles
        self.resolver = resolver
        self.paths = articles.map(\.path)
        self.touchedKeys = touchedKeys
        self.names = names
        self.resolved = resolved
        self.otherFiles = otherFiles
        self.articlesResolved = articlesResolved
    }

    /// Whether `corpus` can be built from this memo (else the build is a full one).
    static func usable(_ memo: ResolutionMemo?, for corpus: Corpus) -> ResolutionMemo? {
        memo.flatMap { $0.serves(corpus) ? $0 : nil }
    }
}

extension LinkResolution.ResolvedLinks {
    /// The same links with every article renumbered by `position` (earlier → now; `unchanged`
    /// when it keeps every number); nil when one of them is gone.
    func renumbered(by position: [Int32], unchanged: Bool) -> Self? {
        if unchanged {
            let gone = edges.contains { position[Int($0.target)] < 0 }
                || ambiguous.contains { position[$0.chosen] < 0 || $0.candidates.contains { position[$0] < 0 } }
            return gone ? nil : self
        }
        var copy = self
        for e in copy.edges.indices {
            let now = position[Int(copy.edges[e].target)]
            guard now >= 0 else { return nil }
            copy.edges[e].target = now
        }
        for k in copy.ambiguous.indices {
            let chosen = position[copy.ambiguous[k].chosen]
            let candidates = copy.ambiguous[k].candidates.map { position[$0] }
            guard chosen >= 0, !candidates.contains(-1) else { return nil }
            copy.ambiguous[k].chosen = Int(chosen)
            copy.ambiguous[k].candidates = candidates.map(Int.init)
        }
        return copy
    }
}
