import TermgraphCore

/// Where a page is served, and so what its relative links and `<link rel=canonical>` mean (§1b).
///
/// Without `<base href>`, and with `trailing_slash: true`, a relative link means what §1 says
/// (the page's folder), so it is kept as written; otherwise it is resolved here, as a browser
/// would, against the page's base URL, and the link's target is the resolved URL.
struct PageURL {
    /// The URL relative links resolve against, when it differs from §1's rule; nil otherwise.
    private let base: String?
    private let site: String?
    private let configBase: String

    init(path: String, config: CorpusConfig, baseHref: String?) {
        site = config.site.flatMap { $0.isEmpty ? nil : $0 }
        configBase = TermKey.trimSlashes(config.base)
        // The page's own URL in the site's root-relative space: `base` + its served path.
        let prefix = configBase.isEmpty ? "/" : "/" + configBase + "/"
        let isIndex = Self.isIndexFile(path)
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        let served = !isIndex ? path : (folder.isEmpty || !config.trailingSlash ? folder : folder + "/")
        let own = prefix + served
        if let baseHref, !baseHref.trimmingSpaces.isEmpty {
            base = URLReference.resolve(baseHref, against: own)
        } else if isIndex && !config.trailingSlash {
            base = own
        } else {
            base = nil
        }
    }

    /// `index.html` or `_index.htm` and the like: a page served as its folder.
    private static func isIndexFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return ["index.html", "index.htm", "_index.html", "_index.htm"].contains(name)
    }

    /// A link's target: as written, or resolved against the base URL.
    func target(of href: String) -> String {
        guard let base else { return href }
        return URLReference.resolve(href, against: base)
    }

    /// The `/`-alias a canonical URL gives: one under `site`, or a root-relative one under
    /// `base`; nil for any other.
    func alias(forCanonical href: String) -> String? {
        let url = target(of: href).trimmingSpaces
        if let site, url.hasPrefix(site) { return "/" + url.dropFirst(site.count) }
        guard url.hasPrefix("/"), !url.hasPrefix("//") else { return nil }
        let path = TermKey.trimSlashes(url)
        guard configBase.isEmpty || path == configBase || path.hasPrefix(configBase + "/") else { return nil }
        return url
    }
}
