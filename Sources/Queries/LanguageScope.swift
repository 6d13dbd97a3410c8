import TermgraphGraph
import TermgraphLinking

/// `--lang L`: which files a query looks at when it is asked about one language's pages of a
/// site with `translations` (§1d).
enum LanguageScope {
    /// Whether a file (by its path from the corpus root) is one of `language`'s; nil for no
    /// language asked. A corpus without `translations`, or a language with no page, is a bad
    /// parameter that names the languages there are.
    static func filter(_ language: String?, in workspace: Workspace) throws(QueryError) -> ((String) -> Bool)? {
        guard let language else { return nil }
        let built = try workspace.graph()
        let graph = built.graph
        let paths = graph.nodes.indices.compactMap { graph.nodes[$0].path }
        guard let languages = SiteLanguages(config: built.config, articlePaths: paths) else {
            throw .badParameter("--lang needs translations: DIR/{lang} in termgraph.yml")
        }
        guard languages.languages.contains(language) else {
            throw .badParameter("no pages in language \"\(language)\" (languages: \(languages.languages.joined(separator: ", ")))")
        }
        return { languages.language(ofPath: $0) == language }
    }
}
