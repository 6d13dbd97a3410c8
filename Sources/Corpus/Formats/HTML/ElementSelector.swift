/// One simple selector of `html_skip` (§1b): a tag name (`nav`), a class (`.sidebar`) or an id
/// (`#Quick_Links`). Tag names match in any case, as HTML's do; classes and ids exactly.
struct ElementSelector: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case tag, className, id }

    var kind: Kind
    var name: String

    /// Nil for anything but a simple selector with a name (`a b`, `.`, `div.x` are refused).
    init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        switch trimmed.first {
        case "."?: (kind, name) = (.className, String(trimmed.dropFirst()))
        case "#"?: (kind, name) = (.id, String(trimmed.dropFirst()))
        default: (kind, name) = (.tag, trimmed.lowercased())
        }
        let forbidden: Set<Character> = [".", "#", "[", "]", ":", ">", "+", "~", "*", ",", "(", ")"]
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || forbidden.contains($0) }) else { return nil }
    }

    /// Whether an element with this (lower-case) tag name, `class` and `id` attributes matches.
    func matches(tag: String, classes: String?, id: String?) -> Bool {
        switch kind {
        case .tag: tag == name
        case .id: id == name
        case .className: classes?.split(whereSeparator: \.isHTMLSpace).contains { $0 == name } ?? false
        }
    }
}

extension Character {
    /// HTML's ASCII white space (tab, line feed, form feed, carriage return, space), which
    /// separates the tokens of `class` and `rel`.
    var isHTMLSpace: Bool { self == " " || self == "\t" || self == "\n" || self == "\u{0C}" || self == "\r" || self == "\r\n" }
}
