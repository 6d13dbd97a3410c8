import Foundation
import TermgraphCore

/// A site's translated copies (`translations: DIR/{lang}`, §1d): the folders under `DIR`, each
/// named by a language tag, hold pages of that language; every other page is in the corpus
/// language. A link from a page of language L tries L's copy of its target first, then the
/// target itself.
struct TranslatedCopies: Sendable {
    /// `DIR`, trimmed of `/`.
    let folder: String
    /// The language tags that have a folder with at least one article, as written.
    let languages: Set<String>
    /// The corpus language, whose pages live outside `DIR`.
    let defaultLanguage: String?

    /// - Parameter pattern: the `translations` setting, `DIR/{lang}`.
    init?(pattern: String?, articlePaths: [String], defaultLanguage: String?) {
        guard let pattern, pattern.hasSuffix("{lang}") else { return nil }
        folder = TermKey.trimSlashes(String(pattern.dropLast("{lang}".count)))
        self.defaultLanguage = defaultLanguage
        var languages = Set<String>()
        for path in articlePaths {
            if let (language, _) = Self.split(path, under: folder), !language.isEmpty { languages.insert(language) }
        }
        self.languages = languages
    }

    /// The language folder and the rest of a path under `folder/`; nil for a path outside it.
    private static func split(_ path: String, under folder: String) -> (String, String)? {
        let inside: Substring
        if folder.isEmpty {
            inside = path[...]
        } else {
            guard path.hasPrefix(folder + "/") else { return nil }
            inside = path.dropFirst(folder.count + 1)
        }
        guard let slash = inside.firstIndex(of: "/") else { return nil }
        return (String(inside[..<slash]), String(inside[inside.index(after: slash)...]))
    }

    /// The translation language of the article at `path`; nil for a page in the corpus language.
    func language(ofArticleAt path: String) -> String? {
        guard let (language, _) = Self.split(path, under: folder), languages.contains(language) else { return nil }
        return language
    }

    /// The paths to try, in order, for a link whose resolved path is `path`, written in the
    /// article at `source`: the copy of the link's language, then the untranslated page, which
    /// is also what a link that reaches nothing is keyed by (always the last).
    ///
    /// The link's language is the one its path names — a path into a language folder, or a
    /// root-relative path that starts with a language tag (`/fa/learn`; the corpus language's
    /// own tag, `/en/x`, means `x`) — else the language of the page it is written in.
    func candidates(for path: String, rootRelative: Bool, from source: String) -> [String] {
        var language = language(ofArticleAt: source)
        var rest = path
        if let (tag, inside) = Self.split(path, under: folder), languages.contains(tag) {
            (language, rest) = (tag, inside)
        } else if rootRelative, let slash = path.firstIndex(of: "/") ?? Optional(path.endIndex) {
            let tag = String(path[..<slash])
            let inside = slash == path.endIndex ? "" : String(path[path.index(after: slash)...])
            if languages.contains(tag) {
                (language, rest) = (tag, inside)
            } else if let defaultLanguage, tag.caseInsensitiveCompare(defaultLanguage) == .orderedSame {
                (language, rest) = (nil, inside)
            }
        }
        guard let language else { return [rest] }
        let copy = folder.isEmpty ? language + "/" + rest : folder + "/" + language + "/" + rest
        return rest.isEmpty ? [copy, rest] : [TermKey.trimSlashes(copy), rest]
    }
}
