/// A cross-link as written in an article, before it is resolved to a term.
public struct Link: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `[text](target)`
        case inline
        /// `[text][ref]`, `[text][]`, `[ref]` with a definition `[ref]: target`
        case reference
        /// `[[target]]`, `[[target|text]]`
        case wikilink
        /// `<a href="target">text</a>`
        case html
    }

    /// The destination with backslash escapes and character references decoded, not yet percent-decoded.
    public var target: String
    /// The anchor text, white space collapsed.
    public var text: String
    /// 1-based line in the file.
    public var line: Int
    public var kind: Kind

    public init(target: String, text: String, line: Int, kind: Kind) {
        self.target = target
        self.text = text
        self.line = line
        self.kind = kind
    }
}
