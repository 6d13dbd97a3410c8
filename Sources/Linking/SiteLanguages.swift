import TermgraphCorpus

/// The language of each page of a site with `translations` (§1d): the tag of the language
/// folder it lies in, else the corpus `language`; for `--lang`.
public struct SiteLanguages: Sendable {
    private let copies: TranslatedCopies
    /// What the pages outside the language folders are called: the corpus `language`, else
    /// `default`.
    public let defaultLanguage: String

    /// Nil when the configuration has no `translations`.
    public init?(config: CorpusConfig, articlePaths: [String]) {
        guard let copies = TranslatedCopies(pattern: config.translations, articlePaths: articlePaths, defaultLanguage: config.language) else {
            return nil
        }
        self.copies = copies
        self.defaultLanguage = config.language ?? "default"
    }

    /// Every language with a page, the default first, then the others in order.
    public var languages: [String] { [defaultLanguage] + copies.languages.subtracting([defaultLanguage]).sorted() }

    /// The language of the page (or any file) at `path`, relative to the corpus root.
    public func language(ofPath path: String) -> String {
        copies.language(ofArticleAt: path) ?? defaultLanguage
    }
}
