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
public struct LinkResolver: Sendable {
    let config: CorpusConfig
    private var byKey: [String: Int] = [:]
    private var byPathOrAlias: [String: Int] = [:]
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
        byKey.reserveCapacity(keys.count)
        byPathOrAlias.reserveCapacity(pathKeys.count)
        for (i, key) in keys.enumerated() where byKey[key] == nil {
            byKey[key] = i
        }
        for (i, pathKey) in pathKeys.enumerated() {
            if byPathOrAlias[pathKey] == nil { byPathOrAlias[pathKey] = i }
            for alias in articles[i].aliases where alias.hasPrefix("/") {
                let key = TermKey.normalize(stripBase(TermKey.trimSlashes(percentDecode(dropQueryAndFragment(alias)))))
                if byPathOrAlias[key] == nil { byPathOrAlias[key] = i }
            }
        }
    }

    /// Resolves `target` written in the article at `path` (relative to the corpus root).
    public func resolve(_ target: String, from path: String, kind: Link.Kind) -> LinkTarget {
        let trimmed = target.trimmingSpaces
        guard let (rawPath, rootRelative) = internalPath(trimmed, kind: kind) else { return .external }
        var decoded = percentDecode(dropQueryAndFragment(rawPath))
        // A bare `#fragment` or `?query` points into the article itself, wherever it lives.
        if decoded.isEmpty { return .none }
        if rootRelative {
            decoded = stripBase(TermKey.trimSlashes(decoded))
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
            if let i = byKey[lastKey] ?? byPathOrAlias[lastKey] { return .article(i) }
        }
        return .wanted(key: lastKey, written: forms.last!)
    }

    /// The common case without building a string on the way: a root-relative target (`/slug`,
    /// `/a/b#part`, or a wikilink) written in lower-case ASCII letters, digits, `-`, `_` and
    /// single `/`, resolved exactly as `resolve` would. Nil for anything else.
    public func resolveSimple(_ target: String, kind: Link.Kind) -> LinkTarget? {
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
        if let i = byKey[key] ?? byPathOrAlias[key] { return .article(i) }
        return .wanted(key: key, written: key)
    }

    /// The path part of an internal target and whether it is read from the corpus root;
    /// nil for an external target.
    private func internalPath(_ target: String, kind: Link.Kind) -> (String, Bool)? {
        if kind == .wikilink { return (target, true) }
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

    private func stripBase(_ path: String) -> String {
        guard !base.isEmpty else { return path }
        if path == base { return "" }
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        return path
    }
}

/// The target without `?query` and `#fragment`.
func dropQueryAndFragment(_ target: String) -> String {
    if let cut = target.firstIndex(where: { $0 == "?" || $0 == "#" }) { return String(target[..<cut]) }
    return target
}

/// `%XX` escapes decoded; a malformed escape stays as written, and so does the whole text when
/// the decoded bytes are not UTF-8.
func percentDecode(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
    var bytes: [UInt8] = []
    let source = Array(text.utf8)
    var i = 0
    while i < source.count {
        if source[i] == UInt8(ascii: "%"), i + 2 < source.count, let high = hexValue(source[i + 1]), let low = hexValue(source[i + 2]) {
            bytes.append(high << 4 | low)
            i += 3
        } else {
            bytes.append(source[i])
            i += 1
        }
    }
    return String(validating: bytes, as: UTF8.self) ?? text
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x41...0x46: return c - 0x41 + 10
    case 0x61...0x66: return c - 0x61 + 10
    default: return nil
    }
}

/// `a/./b/../c` → `a/c`, with `..` stopping at the root; leading and trailing `/` removed.
func removeDotSegments(_ path: String) -> String {
    if !path.contains(".") && !path.contains("//") { return TermKey.trimSlashes(path) }
    var segments: [Substring] = []
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    for (index, part) in parts.enumerated() {
        if part == "." || (part.isEmpty && index > 0 && index < parts.count - 1) { continue }
        if part == ".." {
            if !segments.isEmpty { segments.removeLast() }
            continue
        }
        segments.append(part)
    }
    return TermKey.trimSlashes(segments.joined(separator: "/"))
}
