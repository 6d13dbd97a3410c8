import Foundation
import TermgraphCore

/// The namespaces of a wiki: the names `<siteinfo>` gives (localized, such as `تصنيف`) and
/// MediaWiki's canonical English ones, which every wiki also accepts.
struct SiteInfo {
    /// Namespace name, folded (case, `_` as space), → number.
    private var numbers: [String: Int] = [:]
    /// The name a namespace's titles are written with: the wiki's own, else the canonical one.
    private var names: [Int: String] = [:]
    /// The host the wiki is served from (`en.wikipedia.org`), from `<base>`.
    let host: String

    static let canonical: [(Int, String)] = [
        (-2, "Media"), (-1, "Special"), (1, "Talk"), (2, "User"), (3, "User talk"), (4, "Project"), (5, "Project talk"),
        (6, "File"), (7, "File talk"), (8, "MediaWiki"), (9, "MediaWiki talk"), (10, "Template"), (11, "Template talk"),
        (12, "Help"), (13, "Help talk"), (14, "Category"), (15, "Category talk"), (100, "Portal"), (101, "Portal talk"),
        (828, "Module"), (829, "Module talk"),
    ]
    /// Old names MediaWiki still accepts.
    static let aliases: [(Int, String)] = [(6, "Image"), (7, "Image talk")]

    static let file = 6, category = 14, media = -2

    init(_ elements: SiteInfoElements = SiteInfoElements()) {
        for (number, name) in Self.canonical + Self.aliases {
            numbers[Self.fold(name)] = number
            if names[number] == nil { names[number] = name }
        }
        for (number, name) in elements.namespaces where number != 0 && !name.isEmpty {
            numbers[Self.fold(name)] = number
            names[number] = name
        }
        var host = "localhost"
        if let base = elements.base, let scheme = base.range(of: "://") {
            let rest = base[scheme.upperBound...]
            let found = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if !found.isEmpty { host = String(found) }
        }
        self.host = host
    }

    /// The namespace a prefix (the text before a title's first `:`) names, if it names one.
    func namespace(_ prefix: Substring) -> Int? {
        numbers[Self.fold(prefix)]
    }

    /// The name titles of namespace `number` are written with.
    func name(of number: Int) -> String? {
        names[number]
    }

    /// Namespace names compare in any case, with `_` and space alike.
    static func fold<S: StringProtocol>(_ name: S) -> String {
        String(decoding: name.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            .trimmingHorizontalSpace.lowercased()
    }
}
