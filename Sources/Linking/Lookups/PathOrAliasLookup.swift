import TermgraphCore
import TermgraphCorpus

/// Articles by their path key (the path form: the file's path without extension or `/index`)
/// and by their `/`-aliases (redirects), made the same way as a link target. Article by
/// article, a path key before that article's aliases; the first to claim a key keeps it.
///
/// Asked after `SlugKeyLookup`: a path key that is also its article's slug key (every page of
/// a dump) is answered there, and is not kept twice.
struct PathOrAliasLookup: TargetLookup {
    private var byPathOrAlias: [String: Int] = [:]

    init(articles: [Article], keys: [String], pathKeys: [String], base: String) {
        for (i, pathKey) in pathKeys.enumerated() {
            if pathKey != keys[i] && byPathOrAlias[pathKey] == nil { byPathOrAlias[pathKey] = i }
            for key in Self.aliasKeys(of: articles[i], base: base) where byPathOrAlias[key] == nil {
                byPathOrAlias[key] = i
            }
        }
    }

    /// The keys of an article's `/`-aliases, made as a link target's are.
    static func aliasKeys(of article: Article, base: String) -> [String] {
        article.aliases.filter { $0.hasPrefix("/") }.map { alias in
            TermKey.normalize(stripBase(TermKey.trimSlashes(percentDecode(dropQueryAndFragment(alias))), base: base))
        }
    }

    func article(forKey key: String) -> Int? { byPathOrAlias[key] }
}
