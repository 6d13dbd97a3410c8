/// One `<page>` of a dump as the parser reads it, before it becomes an article or a redirect.
struct DumpPage {
    var title = ""
    var namespace = 0
    /// `<redirect title="…"/>`, when the page has one.
    var redirect: String?
    /// The last `<revision>`'s `<text>`, as UTF-8.
    var text: [UInt8] = []
    /// The line of `<page>` and of the text's first character.
    var line = 1
    var textLine = 1
    /// Entity references in the text, which are never expanded (a dump declares none).
    var entityReferences: [String] = []
    /// Lines where bytes that were not UTF-8 were replaced.
    var replacedLines: [Int] = []
    /// The text was larger than the parser takes; it is left out.
    var textTooLarge = false
}

/// What `<siteinfo>` says about the wiki, as the parser reads it.
struct SiteInfoElements {
    var base: String?
    var language: String?
    /// Namespace number and local name, in the order given.
    var namespaces: [(Int, String)] = []
}
