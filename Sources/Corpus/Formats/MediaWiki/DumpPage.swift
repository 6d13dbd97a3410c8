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
    /// Where the page's bytes were read otherwise than written (not UTF-8, an undeclared entity).
    var repairs: [DumpInput.Repair] = []
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
