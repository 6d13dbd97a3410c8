import Foundation
import TermgraphCore

/// What a wikilink's target means on a wiki (§1c), from the text between `[[` and `|` or `]]`.
enum WikiTarget: Equatable {
    /// A page: its title (namespace name as the wiki writes it, spaces, decoded), the section
    /// after `#`, and the page's namespace.
    case page(title: String, section: String?, namespace: Int)
    /// `[[Category:X]]` without a leading colon: membership of category X.
    case category(String)
    /// `[[File:…]]`, `[[Image:…]]`, `[[Media:…]]` without a leading colon: the file shown, by
    /// its title (`File:…` as the wiki names the namespace).
    case file(String)
    /// `[[fr:…]]`, `[[wikt:…]]`: another wiki, by its prefix.
    case interwiki(prefix: String, title: String)

    /// Reads a target as written.
    init?(_ written: Substring, site: SiteInfo) {
        var text = WikiTitle.clean(written)
        var colon = false
        if text.hasPrefix(":") {
            colon = true
            text = WikiTitle.clean(text.dropFirst())
        }
        var section: String?
        if let hash = text.firstIndex(of: "#") {
            section = String(text[text.index(after: hash)...]).trimmingHorizontalSpace
            text = WikiTitle.clean(text[..<hash])
        }
        if let separator = text.firstIndex(of: ":") {
            let prefix = text[..<separator], rest = WikiTitle.clean(text[text.index(after: separator)...])
            if let namespace = site.namespace(prefix) {
                if !colon && namespace == SiteInfo.category { self = .category(WikiTitle.capitalized(rest)); return }
                let name = site.name(of: namespace) ?? String(prefix)
                if !colon && (namespace == SiteInfo.file || namespace == SiteInfo.media) {
                    self = .file(name + ":" + WikiTitle.capitalized(rest))
                    return
                }
                self = .page(title: name + ":" + WikiTitle.capitalized(rest), section: section, namespace: namespace)
                return
            }
            let folded = SiteInfo.fold(prefix)
            if InterwikiPrefixes.contains(folded) {
                self = .interwiki(prefix: folded, title: rest)
                return
            }
        }
        if text.isEmpty && section == nil { return nil }
        self = .page(title: text, section: section, namespace: 0)
    }
}

/// Titles as MediaWiki normalizes them: character references and `%XX` decoded, `_` as space,
/// runs of spaces as one, trimmed.
enum WikiTitle {
    static func clean<S: StringProtocol>(_ text: S) -> String {
        var decoded = String(text)
        if decoded.utf8.contains(UInt8(ascii: "&")) { decoded = InlineLinkScanner.decodeEntities(Array(decoded.utf8)) }
        decoded = percentDecode(decoded)
        // Made as UTF-8 bytes: appending scalars to a string one by one is slow.
        var result: [UInt8] = []
        result.reserveCapacity(decoded.utf8.count)
        var space = false
        for scalar in decoded.unicodeScalars {
            // ASCII first: Unicode properties are slow to look up, and most titles are ASCII.
            let isSpace = scalar.isASCII ? (scalar == " " || scalar == "_" || (scalar.value >= 0x09 && scalar.value <= 0x0D))
                : scalar.properties.isWhitespace
            if isSpace {
                space = true
                continue
            }
            if space && !result.isEmpty { result.append(UInt8(ascii: " ")) }
            space = false
            if scalar.isASCII { result.append(UInt8(truncatingIfNeeded: scalar.value)) } else { result += UTF8.encode(scalar)! }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A category or namespaced name's first letter in upper case, as MediaWiki stores it.
    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// A page's slug: its title with spaces as `_`.
    static func slug(_ title: String) -> String {
        String(decoding: title.utf8.map { $0 == 0x20 ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }

    /// A link target (or `/`-alias) that reaches the page titled `title`: its slug with the
    /// characters a target gives a meaning to (`%`, `?`, `#`) percent-encoded, which the
    /// resolver decodes back, then the section.
    static func target(_ title: String, section: String? = nil) -> String {
        // Byte by byte: the four are ASCII, and no other byte of UTF-8 is one of them.
        var slug: [UInt8] = []
        slug.reserveCapacity(title.utf8.count + 1 + (section?.utf8.count ?? 0))
        for byte in title.utf8 {
            switch byte {
            case UInt8(ascii: " "): slug.append(UInt8(ascii: "_"))
            case UInt8(ascii: "%"): slug += Array("%25".utf8)
            case UInt8(ascii: "?"): slug += Array("%3F".utf8)
            case UInt8(ascii: "#"): slug += Array("%23".utf8)
            default: slug.append(byte)
            }
        }
        if let section {
            slug.append(UInt8(ascii: "#"))
            slug += section.utf8
        }
        return String(decoding: slug, as: UTF8.self)
    }
}
