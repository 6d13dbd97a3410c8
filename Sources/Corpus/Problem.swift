/// Something wrong with the corpus, with the file (and line) where a user can fix it.
public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case unreadable
        case encoding
        case binary
        case frontMatter = "front-matter"
        case duplicateSlug = "duplicate-slug"
        case wantedLink = "wanted-link"
        /// A vault link whose note name fits several notes (§1a).
        case ambiguousLink = "ambiguous-link"
        case config
        /// A redirect to no page of the corpus: a MediaWiki redirect (§1c), or a line of the
        /// redirects file (§1d) whose target reaches nothing or another redirect.
        case brokenRedirect = "broken-redirect"
        /// A link whose `#fragment` names no anchor of its target (§1d `fragments: check`).
        case brokenFragment = "broken-fragment"
        /// A MediaWiki redirect to another redirect, followed to its end (§1c).
        case doubleRedirect = "double-redirect"
    }

    /// Path relative to the corpus root (or the corpus folder itself).
    public var file: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    public var kind: Kind
    public var message: String

    public init(file: String, line: Int? = nil, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.message = message
    }

    /// `file:line: kind: message`, the way compilers print diagnostics.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(kind.rawValue): \(message)"
    }
}
