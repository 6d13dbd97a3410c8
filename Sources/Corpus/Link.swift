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
        /// `![[target]]`, `![text](target)` in a vault (§1a): a note shown inside another is linked.
        case embed
        /// Text a `link_patterns` entry matched (§1d), such as a site's `{{domxref("…")}}` macro.
        case pattern

        /// The number a kind is stored under in link lists and the on-disk index: fixed for each
        /// kind, whatever order the cases are declared in. Codes below 16 fit a link list.
        package var code: UInt8 {
            switch self {
            case .inline: 0
            case .reference: 1
            case .wikilink: 2
            case .html: 3
            case .embed: 4
            case .pattern: 5
            }
        }

        /// The kind stored under `code`, or nil for a code no kind has.
        package init?(code: UInt8) {
            switch code {
            case 0: self = .inline
            case 1: self = .reference
            case 2: self = .wikilink
            case 3: self = .html
            case 4: self = .embed
            case 5: self = .pattern
            default: return nil
            }
        }
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
