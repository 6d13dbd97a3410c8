import TermgraphCore
import TermgraphCorpus

/// The fragment step (§1d `fragments: check`): every link with a `#fragment` that reaches an
/// article — a bare `#x` reaches the article it is written in — must name one of that article's
/// anchors; each that names none is a `broken-fragment` problem at the link's line.
enum BrokenFragments {
    static func problems(_ articles: [Article], resolver: LinkResolver) -> [Problem] {
        guard resolver.config.fragments.check else { return [] }
        let vault = resolver.config.links == .names
        let slices = Parallel.map(Parallel.slices(articles.count, minimum: 256), chunk: 1) { range in
            var anchorsOf: [Int: Set<String>] = [:]
            var problems: [Problem] = []
            for source in range {
                let article = articles[source], list = article.links
                for link in list.entries {
                    // Only a target holding `#` is looked at: the rest costs one byte search.
                    guard link.targetText.contains(UInt8(ascii: "#")) else { continue }
                    let target = link.target, kind = link.kind
                    guard let fragment = fragment(of: target, vault: vault) else { continue }
                    let reached: Int
                    switch resolver.resolveSimple(target, kind: kind) ?? resolver.resolve(target, from: article.path, kind: kind) {
                    case .article(let a), .ambiguous(let a, _): reached = a
                    case .none where target.trimmingSpaces.hasPrefix("#"): reached = source
                    default: continue
                    }
                    if anchorsOf[reached] == nil { anchorsOf[reached] = Set(articles[reached].anchors.keys) }
                    guard !anchorsOf[reached]!.contains(fragment) else { continue }
                    let page = reached == source ? "this page" : articles[reached].path
                    problems.append(Problem(file: article.path, line: link.line, kind: .brokenFragment,
                                            message: "link to \"\(target)\": \(page) has no anchor \"\(fragment)\""))
                }
            }
            return problems
        }
        return slices.flatMap { $0 }
    }

    /// The folded fragment of `target` as anchors are compared (§1d): what follows the first
    /// `#`, percent-decoded, one trailing `/` dropped; in a vault, a heading path
    /// (`Note#Part#Section`) names its last heading. Nil when there is none.
    static func fragment(of target: String, vault: Bool) -> String? {
        guard let hash = target.firstIndex(of: "#") else { return nil }
        var fragment = Substring(target[target.index(after: hash)...])
        if vault, let last = fragment.lastIndex(of: "#") { fragment = fragment[fragment.index(after: last)...] }
        var decoded = percentDecode(String(fragment))
        if decoded.hasSuffix("/") { decoded.removeLast() }
        return decoded.isEmpty ? nil : AnchorSet.fold(decoded)
    }
}
