import TermgraphCore
import TermgraphCorpus

/// The first step: every article's key and path key, and the articles that become nodes.
enum ArticleKeys {
    /// The articles that become nodes (the first of each key in path order), with their keys
    /// and path keys, worked out once on every core, and a problem for every later duplicate.
    static func of(_ corpus: Corpus) -> (articles: [Article], keys: [String], pathKeys: [String], duplicates: [Problem]) {
        let all = corpus.articles
        let keyChunks = Parallel.map(Parallel.slices(all.count, minimum: 256), chunk: 1) { range in
            range.map { i in
                let key = all[i].key
                // Most articles' slug is their path form (every page of a dump): one string for both keys.
                return (key: key, pathKey: all[i].pathSlug == all[i].slug ? key : all[i].pathKey)
            }
        }.joined()
        let (articles, keys, duplicates) = unique(corpus, keys: keyChunks.map(\.key))
        let pathKeys = duplicates.isEmpty ? keyChunks.map(\.pathKey) : articles.map(\.pathKey)
        return (articles, keys, pathKeys, duplicates)
    }

    /// The same, given every article's key; also gives the kept articles' keys. When no slug
    /// repeats (the usual case) the corpus's own array is returned, not a copy.
    static func unique(_ corpus: Corpus, keys: [String]) -> (articles: [Article], keys: [String], duplicates: [Problem]) {
        var firstByKey: [String: Int] = [:]
        firstByKey.reserveCapacity(keys.count)
        var later: [Int] = []
        for (i, key) in keys.enumerated() {
            if firstByKey[key] == nil { firstByKey[key] = i } else { later.append(i) }
        }
        guard !later.isEmpty else { return (corpus.articles, keys, []) }
        let duplicates = later.map { i in
            // A file that holds many articles (a dump) names the line of the one left out.
            Problem(file: corpus.articles[i].path, line: corpus.articles[i].source.line > 1 ? corpus.articles[i].source.line : nil, kind: .duplicateSlug,
                    message: "slug \"\(corpus.articles[i].slug)\" is also the slug of \(corpus.articles[firstByKey[keys[i]]!].path), which is kept")
        }
        let dropped = Set(later)
        let kept = corpus.articles.indices.filter { !dropped.contains($0) }
        return (kept.map { corpus.articles[$0] }, kept.map { keys[$0] }, duplicates)
    }
}
