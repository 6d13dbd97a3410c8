import TermgraphCore
import TermgraphCorpus

/// Articles by their path key (the path form: the file's path without extension or `/index`)
/// and by their `/`-aliases (redirects), made the same way as a link target. Article by
/// article, a path key before that article's aliases; the first to claim a key keeps it.
struct PathOrAliasLookup: TargetLookup {
    private var byPathOrAlias: [String: Int] = [:]

    init(articles: [Article], pathKeys: [String], base: String) {
        byPathOrAlias.reserveCapacity(pathKeys.count)
        for (i, pathKey) in pathKeys.enumerated() {
            if byPathOrAlias[pathKey] == nil { byPathOrAlias[pathKey] = i }
            for alias in articles[i].aliases where alias.hasPrefix("/") {
                let key = TermKey.normalize(stripBase(TermKey.trimSlashes(percentDecode(dropQueryAndFragment(alias))), base: base))
                if byPathOrAlias[key] == nil { byPathOrAlias[key] = i }
            }
        }
    }

    func article(forKey key: String) -> Int? { byPathOrAlias[key] }
}
