/// What an HTML page says about itself and where it links, as `HTMLPageScanner` finds it: the
/// raw material of an article, before front matter and the corpus's settings are applied.
struct HTMLPage: Sendable, Equatable {
    /// One `<a href>`, with where it stands relative to the page's content (§1b).
    struct Anchor: Sendable, Equatable {
        var href: String
        /// The element's text, every run of white space collapsed to one space.
        var text: String
        var line: Int
        /// Inside the first `<main>`, outside any chrome element within it.
        var inMain: Bool
        /// Outside any chrome element.
        var outsideChrome: Bool
    }

    var title: String?
    var firstHeading: String?
    var description: String?
    var keywords: String?
    var lang: String?
    var baseHref: String?
    var canonical: String?
    var hasMain = false
    var anchors: [Anchor] = []
    /// The `id` of every element and the `name` of every `<a>`, anywhere in the page: the
    /// targets of `#fragment`s (collected only when asked for).
    var ids: [String] = []

    /// The anchors of the page's content: with `html_content: main`, those of the first `<main>`
    /// (else of the body) without chrome; with `body`, every anchor of the body.
    ///
    /// Every anchor counts as the body's: an `<a>` is never valid in `<head>`, and libxml2 leaves
    /// one there only when broken markup keeps it from closing the head (`</headd><body>…`), where
    /// a browser would have moved on to the body.
    func contentAnchors(_ content: CorpusConfig.HTMLContent) -> [Anchor] {
        switch content {
        case .body: anchors
        case .main: hasMain ? anchors.filter(\.inMain) : anchors.filter(\.outsideChrome)
        }
    }
}

extension String {
    /// Every run of Unicode white space made one space, none at either end. Works on scalars, so
    /// that a text node of many megabytes is collapsed at memory speed.
    var collapsingWhiteSpace: String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }
}
