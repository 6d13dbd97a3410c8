import Yams

extension CorpusConfig {
    /// `html_content`, `html_skip` and `trailing_slash` (§1b); a value of the wrong shape is a
    /// warning at its line and the default holds.
    mutating func readHTMLSetting(_ name: String, _ value: Node, line: Int?) {
        func ignored(_ expected: String) { ignoreSetting("\(name) must be \(expected)", line: line) }
        switch name {
        case "html_content":
            guard let content = value.scalar.flatMap({ HTMLContent(rawValue: $0.string) }) else { return ignored("main or body") }
            htmlContent = content
        case "html_skip":
            let items = value.sequence.map { $0.compactMap(\.scalar?.string) } ?? value.scalar.map { [$0.string] }
            guard let items, items.allSatisfy({ ElementSelector($0) != nil }) else {
                return ignored("a list of simple selectors such as nav, .sidebar or #toc")
            }
            htmlSkip = items
        case "trailing_slash":
            guard let flag = value.scalar.flatMap({ Bool.construct(from: $0) }) else { return ignored("true or false") }
            trailingSlash = flag
        default:
            return
        }
    }
}
