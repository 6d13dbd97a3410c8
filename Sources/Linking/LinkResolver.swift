import Foundation
import TermgraphCore
import TermgraphCorpus

/// Where a link points once the contract's resolution rules are applied.
public enum LinkTarget: Sendable, Equatable {
    /// Another scheme or a `//` URL: counted, never an edge.
    case external
    /// A bare `#fragment`, an empty path or the article itself: no edge.
    case none
    /// An article, by its position in the corpus's article list.
    case article(Int)
    /// Nothing answers: a wanted term, keyed by the last form tried, with that form as written.
    case wanted(key: String, written: String)
}

/// Resolves link targets to articles, following PRODUCT.md §1 "Resolution".
///
/// ```swift
/// let resolver = LinkResolver(articles: corpus.articles, config: corpus.config)
/// resolver.resolve("/settlement#dvp", from: "backoffice.md", kind: .inline)  // .article(…)
/// ```
///
/// A path form is looked up by each of the resolver's `TargetLookup`s in turn, in the order the
/// configuration gives them; the first that knows it names the article.
public struct LinkResolver: Sendable {
    let config: CorpusConfig
    private let lookups: [any TargetLookup]
    private let base: String
    private let site: String?

    static let knownExtensions = [".md", ".markdown", ".txt", ".html", ".htm", ".asp", ".aspx", ".php"]

    /// - Parameter articles: the articles that count, duplicates already removed.
    public init(articles: [Article], config: CorpusConfig) {
        self.init(articles: articles, keys: articles.map(\.key), pathKeys: articles.map(\.pathKey), config: config)
    }

    /// The same, with each article's key and path key already worked out.
    init(articles: [Article], keys: [String], pathKeys: [String], config: CorpusConfig) {
        self.config = config
        self.base = TermKey.trimSlashes(config.base)
        self.site = config.site.flatMap { $0.isEmpty ? nil : $0 }
        self.lookups = [
            SlugKeyLookup(keys: keys),
            PathOrAliasLookup(articles: articles, pathKeys: pathKeys, base: base),
        ]
    }

    /// The article a path form's key names, by the first lookup that knows it.
    @inline(__always) private func article(forKey key: String) -> Int? {
        for lookup in lookups {
            if let i = lookup.article(forKey: key) { return i }
        }
        return nil
    }

    /// Resolves `target` written in the article at `path` (relative to the corpus root).
    public func resolve(_ target: String, from path: String, kind: Link.Kind) -> LinkTarget {
        let trimmed = target.trimmingSpaces
        guard let (rawPath, rootRelative) = internalPath(trimmed, kind: kind) else { return .external }
        var decoded = percentDecode(dropQueryAndFragment(rawPath))
        // A bare `#fragment` or `?query` points into the article itself, wherever it lives.
        if decoded.isEmpty { return .none }
        if rootRelative {
            decoded = stripBase(TermKey.trimSlashes(decoded), base: base)
        } else {
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            decoded = folder.isEmpty ? decoded : folder + "/" + decoded
        }
        let clean = removeDotSegments(decoded)
        guard !clean.isEmpty else { return .none }

        var forms = [clean]
        if let ext = Self.knownExtensions.first(where: { clean.lowercased().hasSuffix($0) }), clean.count > ext.count {
            forms.append(String(clean.dropLast(ext.count)))
        }
        for suffix in ["/index", "/_index"] where forms.last!.hasSuffix(suffix) {
            forms.append(String(forms.last!.dropLast(suffix.count)))
            break
        }
        var lastKey = ""
        for form in forms {
            lastKey = TermKey.normalize(form)
            if let i = article(forKey: lastKey) { return .article(i) }
        }
        return .wanted(key: lastKey, written: forms.last!)
    }

    /// The common case without building a string on the way: a root-relative target (`/slug`,
    /// `/a/b#part`, or a wikilink) written in lower-case ASCII letters, digits, `-`, `_` and
    /// single `/`, resolved exactly as `resolve` would. Nil for anything else.
    package func resolveSimple(_ target: String, kind: Link.Kind) -> LinkTarget? {
        guard base.isEmpty, site == nil else { return nil }
        var simple = true
        var end = 0
        var previousSlash = false
        target.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes {
                if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "?") { break }
                let slash = byte == UInt8(ascii: "/")
                guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: "_") || slash, !(slash && previousSlash) else {
                    simple = false
                    return
                }
                previousSlash = slash
                end += 1
            }
        } ?? { simple = false }()
        let path = target.utf8.prefix(end)
        guard simple, kind == .wikilink || path.first == UInt8(ascii: "/") else { return nil }
        let key = TermKey.trimSlashes(String(Substring(path)))
        guard !key.isEmpty else { return LinkTarget.none }
        if key.hasSuffix("/index") || key.hasSuffix("/_index") { return nil }
        if let i = article(forKey: key) { return .article(i) }
        return .wanted(key: key, written: key)
    }

    /// The path part of an internal target and whether it is read from the corpus root;
    /// nil for an external target.
    private func internalPath(_ target: String, kind: Link.Kind) -> (String, Bool)? {
        // A protocol-relative URL is external in any form (a MediaWiki link to another wiki or
        // namespace is written so).
        if kind == .wikilink { return target.hasPrefix("//") ? nil : (target, true) }
        if target.hasPrefix("//") { return nil }
        if let site, target.hasPrefix(site) {
            return ("/" + target.dropFirst(site.count), true)
        }
        if hasScheme(target) { return nil }
        return (target, target.hasPrefix("/"))
    }

    private func hasScheme(_ target: String) -> Bool {
        var first = true
        for byte in target.utf8 {
            if byte == UInt8(ascii: ":") { return !first }
            let ok = isLetter(byte) || (!first && (isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")))
            if !ok { return false }
            first = false
        }
        return false
    }
}
