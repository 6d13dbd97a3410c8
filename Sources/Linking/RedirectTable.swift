import TermgraphCore
import TermgraphCorpus

/// A redirects file's rules as link targets (§1d): each FROM becomes a path that reaches what
/// its TO reaches. A TO that reaches nothing, or another FROM, is a `broken-redirect` problem,
/// and links to its FROM are wanted terms keyed by TO.
enum RedirectTable {
    static func resolve(_ rules: [RedirectRule], file: String, with resolver: LinkResolver) -> ([String: LinkTarget], [Problem]) {
        // Targets in the file are read as root-relative links written at the root.
        let keys = rules.map { resolver.wantedKey(of: $0.from, from: "") }
        var fromKeys: [String: Int] = [:]
        for (n, key) in keys.enumerated() {
            if let key, fromKeys[key] == nil { fromKeys[key] = n }
        }
        var table: [String: LinkTarget] = [:]
        var problems: [Problem] = []
        for (n, rule) in rules.enumerated() {
            guard let fromKey = keys[n], fromKeys[fromKey] == n else { continue }
            // A page that exists at FROM is reached by its own path; the rule never applies.
            if case .article = resolver.resolve(rule.from, from: "", kind: .inline) { continue }
            let reached = resolver.resolve(rule.to, from: "", kind: .inline)
            switch reached {
            case .article, .external, .attachment:
                table[fromKey] = reached
            case .ambiguous(let chosen, _):
                table[fromKey] = .article(chosen)
            case let .wanted(key, written):
                let chained = fromKeys[key] != nil
                problems.append(Problem(file: file, line: rule.line, kind: .brokenRedirect,
                                        message: chained ? "\(rule.from) redirects to \(rule.to), which is itself a redirect"
                                                         : "\(rule.from) redirects to \(rule.to), which is no page"))
                table[fromKey] = .wanted(key: key, written: written)
            case .none:
                problems.append(Problem(file: file, line: rule.line, kind: .brokenRedirect,
                                        message: "\(rule.from) redirects to \(rule.to), which names no page"))
            }
        }
        return (table, problems)
    }
}
