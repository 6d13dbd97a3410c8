import Yams

extension CorpusConfig {
    /// `link_patterns` (§1d): a list of mappings with `pattern`, `target` and optional `replace`
    /// and `text`. An entry that cannot be used (a regular expression ICU refuses, a missing
    /// target, a `$N` that names no group) is a `config` problem at its line and is left out;
    /// the other entries, and the rest of the configuration, hold.
    mutating func readLinkPatterns(_ value: Node, line: Int?) {
        func ignored(_ message: String, at line: Int?) { ignoreSetting(message, line: line) }
        guard let entries = value.sequence else {
            return ignored("link_patterns must be a list of entries with a pattern and a target", at: line)
        }
        for entry in entries {
            let entryLine = entry.mark?.line ?? line
            guard let mapping = entry.mapping else {
                ignored("a link pattern must be a mapping with pattern and target", at: entryLine)
                continue
            }
            guard let pattern = mapping["pattern"]?.scalar?.string, !pattern.isEmpty else {
                ignored("a link pattern needs a pattern", at: entryLine)
                continue
            }
            guard let target = mapping["target"]?.scalar?.string, !target.isEmpty else {
                ignored("link pattern \"\(pattern)\" needs a target", at: entryLine)
                continue
            }
            var pairs: [(String, String)] = []
            if let replace = mapping["replace"] {
                let items = replace.sequence?.map { $0.sequence?.compactMap(\.scalar?.string) ?? [] }
                guard let items, items.allSatisfy({ $0.count == 2 }) else {
                    ignored("replace of link pattern \"\(pattern)\" must be a list of [from, to] pairs", at: replace.mark?.line ?? entryLine)
                    continue
                }
                pairs = items.map { ($0[0], $0[1]) }
            }
            let text = mapping["text"]?.scalar?.string
            do {
                linkPatterns.append(try LinkPattern(pattern, replace: pairs, target: target, text: text))
            } catch {
                ignored(error.message, at: mapping["pattern"]?.mark?.line ?? entryLine)
            }
        }
    }
}
