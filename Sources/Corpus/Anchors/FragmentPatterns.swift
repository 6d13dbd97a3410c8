import Foundation

/// `fragment_patterns` compiled: each match's first group is an id of the page (the
/// `<GlossaryDefinition term="…">` a site's components turn into anchors).
package final class FragmentPatterns: @unchecked Sendable {
    // NSRegularExpression is immutable once made and safe to use from many threads.
    private let expressions: [NSRegularExpression]

    init(_ patterns: [String]) {
        expressions = patterns.compactMap { try? NSRegularExpression(pattern: $0) }
    }

    /// The ids the patterns find in `text`, in order of pattern, then of match.
    func ids(in text: String) -> [String] {
        guard !expressions.isEmpty else { return [] }
        let whole = NSRange(text.startIndex..., in: text)
        var ids: [String] = []
        for expression in expressions {
            for match in expression.matches(in: text, range: whole) {
                let group = match.range(at: 1)
                guard group.location != NSNotFound, let range = Range(group, in: text) else { continue }
                ids.append(String(text[range]))
            }
        }
        return ids
    }
}
