import TermgraphCore

/// The redirects of one dump, made aliases of the articles they end at (§1c): a redirect's
/// title becomes a `/`-alias of its target, a chain is followed to its end (`double-redirect`),
/// and a redirect that ends nowhere, in another namespace or in a loop is `broken-redirect`.
/// A redirect whose key equals its target's (a capitalisation redirect) is neither.
struct RedirectResolution {
    struct Redirect {
        var title: String
        var target: WikiTarget?
        var written: String
        var line: Int
    }

    var redirects: [Redirect] = []

    /// Adds each redirect's alias to the article it reaches; the problems for the others.
    func apply(to articles: inout [Article], namespaces: Set<Int>, path: String) -> [Problem] {
        var articleByKey: [String: Int] = [:]
        for (i, article) in articles.enumerated() where articleByKey[article.key] == nil { articleByKey[article.key] = i }
        var redirectByKey: [String: Int] = [:]
        let keys = redirects.map { Self.key($0.title) }
        for (i, key) in keys.enumerated() where redirectByKey[key] == nil && articleByKey[key] == nil { redirectByKey[key] = i }

        var problems: [Problem] = []
        for (i, redirect) in redirects.enumerated() {
            let origin = keys[i]
            var steps: [String] = []
            var current = redirect
            var ending: Int?
            var broken: String?
            var visited: Set<String> = [origin]
            while true {
                guard case .page(let title, _, let namespace)? = current.target else {
                    broken = "redirects to \(current.written), which is not a page of this wiki"
                    break
                }
                guard namespaces.contains(namespace) else {
                    broken = "redirects to \(title), a page in namespace \(namespace), which is not read as articles"
                    break
                }
                let key = Self.key(title)
                if key == origin && steps.isEmpty { break }  // a capitalisation redirect: neither
                if let article = articleByKey[key] {
                    ending = article
                    steps.append(title)
                    break
                }
                // A chain that ends in a capitalisation redirect ends nowhere.
                if key == Self.key(current.title) {
                    broken = "redirects to \(title), which is not a page of this dump"
                    break
                }
                guard let next = redirectByKey[key], visited.insert(key).inserted else {
                    broken = redirectByKey[key] == nil
                        ? "redirects to \(title), which is not a page of this dump"
                        : "redirects in a loop through \(title)"
                    break
                }
                steps.append(title)
                current = redirects[next]
            }
            if let broken {
                problems.append(Problem(file: path, line: redirect.line, kind: .brokenRedirect, message: "\(redirect.title) \(broken)"))
                continue
            }
            guard let ending else { continue }
            articles[ending].aliases.append("/" + WikiTitle.target(redirect.title))
            if steps.count > 1 {
                problems.append(Problem(file: path, line: redirect.line, kind: .doubleRedirect,
                                        message: "\(redirect.title) redirects to \(steps.joined(separator: ", which redirects to ")); links to it reach \(steps.last!)"))
            }
        }
        return problems
    }

    /// A title's key, made as an article's is from its slug.
    static func key(_ title: String) -> String {
        TermKey.normalize(TermKey.trimSlashes(WikiTitle.slug(title)))
    }
}
