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
    /// A vault's file that is not an article (an image, a PDF), by its path: counted, never an
    /// edge or a wanted term.
    case attachment(String)
    /// In a vault, a note name that fits several articles (positions in path order): the first
    /// is the one the tie rule chose, the link goes there.
    case ambiguous(Int, candidates: [Int])
}

/// Resolves link targets to articles, following PRODUCT.md §1 "Resolution".
///
/// ```swift
/// let resolver = LinkResolver(articles: corpus.articles, config: corpus.config)
/// resolver.resolve("/settlement#dvp", from: "backoffice.md", kind: .inline)  // .article(…)
/// ```
///
/// A path form is looked up by each of the resolver's `TargetLookup`s in turn, in the order the
/// configuration gives them; the first that knows it names the article. With `links: names`
/// (a vault) the lookups are the files' paths, the note names and, last, the slugs
/// (`LinkResolver+Names.swift`).
public struct LinkResolver: Sendable {
    let config: CorpusConfig
    let lookups: [any TargetLookup]
    let base: String
    private let site: String?
    /// The site's translated copies, when `translations` is set.
    let translations: TranslatedCopies?
    /// What links to a redirect's FROM reach, by the key of FROM (§1d `redirects`).
    private(set) var redirects: [String: LinkTarget] = [:]
    /// Redirects that reach nothing, or another redirect, at their line of the redirects file.
    public private(set) var problems: [Problem] = []

    static let knownExtensions = [".md", ".markdown", ".txt", ".html", ".htm", ".asp", ".aspx", ".php"]

    /// - Parameter articles: the articles that count, duplicates already removed.
    /// - Parameter otherFiles: the corpus's files that hold no article, which a vault's links
    ///   reach as attachments.
    public init(articles: [Article], otherFiles: [String] = [], config: CorpusConfig) {
        self.init(articles: articles, keys: articles.map(\.key), pathKeys: articles.map(\.pathKey), otherFiles: otherFiles, config: config)
    }

    /// The same, with each article's key and path key already worked out.
    init(articles: [Article], keys: [String], pathKeys: [String], otherFiles: [String] = [], config: CorpusConfig) {
        self.config = config
        self.base = TermKey.trimSlashes(config.base)
        self.site = config.site.flatMap { $0.isEmpty ? nil : $0 }
        switch config.links {
        case .paths:
            self.lookups = [
                SlugKeyLookup(keys: keys),
                PathOrAliasLookup(articles: articles, keys: keys, pathKeys: pathKeys, base: base),
            ]
        case .names:
            // A name that is no file but an article's slug (a folder's index.md, a front-matter
            // slug) reaches that article: a wanted term never shares an article's key.
            self.lookups = [
                FilePathLookup(articles: articles, otherFiles: otherFiles),
                NoteNameLookup(articles: articles, otherFiles: otherFiles),
                SlugKeyLookup(keys: keys),
            ]
        }
        self.translations = TranslatedCopies(pattern: config.translations, articlePaths: articles.map(\.path),
                                             defaultLanguage: config.language)
        if let file = config.redirects, !config.redirectRules.isEmpty {
            (redirects, problems) = RedirectTable.resolve(config.redirectRules, file: file, with: self)
        }
    }

    /// What the resolution of `target` depends on besides its text: the same key, the same
    /// answer. A relative target depends on the linking file's folder, and so does every
    /// target in a vault (relative paths, and the tie rule of note names).
    func cacheKey(_ target: String, kind: Link.Kind, folder: String) -> String {
        switch config.links {
        case .paths: kind == .wikilink ? "[[" + target : target.hasPrefix("/") ? target : folder + "\u{0}" + target
        case .names: (kind == .wikilink ? "[[" : "") + folder + "\u{0}" + target
        }
    }

    /// The article a path form's key names, by the first lookup that knows it.
    @inline(__always) private func article(forKey key: String, trail: inout NameTrail) -> Int? {
        trail.note(key)
        for lookup in lookups {
            if let i = lookup.article(forKey: key) { return i }
        }
        return nil
    }

    /// Resolves `target` written in the article at `path` (relative to the corpus root).
    public func resolve(_ target: String, from path: String, kind: Link.Kind) -> LinkTarget {
        var trail = NameTrail(recording: false)
        return resolve(target, from: path, kind: kind, trail: &trail)
    }

    /// The same, writing down in `trail` every key looked up on the way.
    func resolve(_ target: String, from path: String, kind: Link.Kind, trail: inout NameTrail) -> LinkTarget {
        if config.links == .names { return resolveByName(target, from: path, kind: kind, trail: &trail) }
        switch cleanPath(target, from: path, kind: kind) {
        case .external: return .external
        case .none: return .none
        case let .path(clean, rootRelative):
            let candidates = translations?.candidates(for: clean, rootRelative: rootRelative, from: path) ?? [clean]
            var keys: [String] = []
            var written = clean
            for candidate in candidates where !candidate.isEmpty {
                let forms = Self.forms(of: candidate)
                for form in forms {
                    let key = TermKey.normalize(form)
                    if let i = article(forKey: key, trail: &trail) { return .article(i) }
                    keys.append(key)
                }
                written = forms.last!
            }
            guard let wantedKey = keys.last else { return .none }
            // An article that answers wins over a redirect of the same path.
            if !redirects.isEmpty, let redirect = keys.lazy.compactMap({ self.redirects[$0] }).first { return redirect }
            return .wanted(key: wantedKey, written: written)
        }
    }

    /// The key a link target's path has when nothing answers it (its last form), nil when it
    /// is external or names no path; for a redirect's FROM.
    func wantedKey(of target: String, from path: String) -> String? {
        guard case let .path(clean, _) = cleanPath(target, from: path, kind: .inline) else { return nil }
        return Self.forms(of: clean).last.map(TermKey.normalize)
    }

    /// A target's path, relative to the root, `?query`, `#fragment`, `base` and dot segments
    /// gone; or why it has none.
    private enum CleanPath {
        case external, none
        case path(String, rootRelative: Bool)
    }

    private func cleanPath(_ target: String, from path: String, kind: Link.Kind) -> CleanPath {
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
        return clean.isEmpty ? .none : .path(clean, rootRelative: rootRelative)
    }

    /// The forms a path is tried in: as it stands, without a known extension, without a
    /// trailing `/index` or `/_index` as well.
    private static func forms(of clean: String) -> [String] {
        var forms = [clean]
        if let ext = Self.knownExtensions.first(where: { clean.lowercased().hasSuffix($0) }), clean.count > ext.count {
            forms.append(String(clean.dropLast(ext.count)))
        }
        for suffix in ["/index", "/_index"] where forms.last!.hasSuffix(suffix) {
            forms.append(String(forms.last!.dropLast(suffix.count)))
            break
        }
        return forms
    }

    /// What a link resolved to may depend on the language of the page it is written in; links
    /// written the same way in pages of one scope resolve the same.
    package func scope(ofArticleAt path: String) -> String {
        translations?.language(ofArticleAt: path) ?? ""
    }

    /// The common case without building a string on the way: a root-relative target (`/slug`,
    /// `/a/b#part`, or a wikilink) written in lower-case ASCII letters, digits, `-`, `_` and
    /// single `/`, resolved exactly as `resolve` would. Nil for anything else.
    package func resolveSimple(_ target: String, kind: Link.Kind) -> LinkTarget? {
        var trail = NameTrail(recording: false)
        return resolveSimple(target, kind: kind, trail: &trail)
    }

    /// The same, writing down in `trail` the key looked up.
    func resolveSimple(_ target: String, kind: Link.Kind, trail: inout NameTrail) -> LinkTarget? {
        // A vault's link may be relative or a note name, a translated page's link may reach its
        // language's copy: they take the full way.
        guard base.isEmpty, site == nil, config.links == .paths, translations == nil else { return nil }
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
        if let i = article(forKey: key, trail: &trail) { return .article(i) }
        if let redirect = redirects[key] { return redirect }
        return .wanted(key: key, written: key)
    }

    /// The path part of an internal target and whether it is read from the corpus root;
    /// nil for an external target.
    func internalPath(_ target: String, kind: Link.Kind) -> (String, Bool)? {
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
