import Foundation
import TermgraphCore
import Yams

/// The optional `termgraph.yml` at the corpus root.
///
/// ```yaml
/// title: Back-office glossary
/// language: ar
/// base: /
/// site: https://www.example.com/terms/
/// iri: https://www.example.com/terms/
/// category_key: office
/// categories: {front: frontoffice, middle: middleoffice, back: backoffice}
/// links: names
/// exclude: [drafts/**, _common/**]
/// wikilinks: false
/// redirects: _redirects.txt
/// translations: translations/{lang}
/// link_patterns: [{pattern: '\{\{<\s*ref\s+"([^"]+)"', target: '$1'}]
/// ```
public struct CorpusConfig: Sendable, Equatable {
    public var title: String?
    public var language: String?
    /// URL prefix stripped from root-relative links.
    public var base: String = "/"
    /// Absolute URLs under this prefix are internal links.
    public var site: String?
    /// The base IRI of SKOS concepts (default: `site`).
    public var iri: String?
    /// The front-matter key that holds an article's category.
    public var categoryKey: String = "office"
    /// Category name → hub article slug, in declaration order.
    public var categories: [(name: String, hub: String)] = []
    /// Paths that are not articles (`exclude`, and `--exclude` on the command line).
    public var exclude = ExcludeRules()
    /// Whether `[[…]]` is a link (`wikilinks: false` for sites that have none).
    public var wikilinks = true
    /// The file of moved pages, from the corpus root (`redirects`, §1d).
    public var redirects: String?
    /// The rules of the redirects file, read with the configuration.
    public var redirectRules: [RedirectRule] = []
    /// Where translated copies of the site live: a folder path with `{lang}` as its last
    /// segment (`translations`, §1d).
    public var translations: String?
    /// Site macros that make links, in the order they are tried (`link_patterns`, §1d).
    public var linkPatterns: [LinkPattern] = []
    /// How links find their targets; without a `links:` setting, the folder's vault markers
    /// decide (`CorpusReader.readConfiguration`).
    public var links: LinkMode = .paths
    /// Whether `termgraph.yml` set `links:` (a vault marker then changes nothing).
    package var linksDeclared = false
    /// Where an HTML page's links are read (§1b): its first `<main>` (else `<body>`) without the
    /// site's chrome, or every `<a>` of the body.
    public var htmlContent: HTMLContent = .main
    /// Simple selectors (`tag`, `.class`, `#id`) of elements whose links are site chrome (§1b).
    public var htmlSkip: [String] = []
    /// Whether `a/b/index.html` is served as `/a/b/` (true) or `/a/b` (false), which decides what
    /// its relative links mean.
    public var trailingSlash = true

    public enum HTMLContent: String, Sendable, Equatable {
        case main, body
    }

    /// `fragments: check` and `fragment_patterns` (§1d).
    public var fragments = FragmentRules()

    /// The MediaWiki namespaces whose pages are articles (§1c).
    public var namespaces: Set<Int> = [0]
    /// The line of each category's entry in `termgraph.yml`, in declaration order.
    package var categoryLines: [Int?] = []
    /// Settings that were ignored because of their shape (each with its line); the rest of the
    /// configuration holds.
    package var warnings: [Problem] = []

    /// A setting that cannot be used: a `config` warning at its line ("…; it is ignored"), and
    /// the default, or the rest of the file, holds.
    mutating func ignoreSetting(_ message: String, line: Int?) {
        warnings.append(Problem(file: Self.fileName, line: line, kind: .config, message: message + "; it is ignored"))
    }

    public static let fileName = "termgraph.yml"

    public init() {}

    public static func == (a: CorpusConfig, b: CorpusConfig) -> Bool {
        a.title == b.title && a.language == b.language && a.base == b.base && a.site == b.site && a.iri == b.iri
            && a.categoryKey == b.categoryKey && a.links == b.links && a.categories.elementsEqual(b.categories) { $0 == $1 }
            && a.exclude == b.exclude && a.wikilinks == b.wikilinks && a.redirects == b.redirects && a.redirectRules == b.redirectRules
            && a.translations == b.translations && a.htmlContent == b.htmlContent && a.htmlSkip == b.htmlSkip
            && a.trailingSlash == b.trailingSlash && a.namespaces == b.namespaces && a.fragments == b.fragments
            && a.linkPatterns == b.linkPatterns
    }

    /// Reads the configuration text; problems point at `termgraph.yml`.
    public static func parse(_ text: String) throws(Problem) -> CorpusConfig {
        var config = CorpusConfig()
        let root: Node?
        if let refusal = AliasScan.refusal(of: text) {
            throw Problem(file: fileName, line: 1, kind: .config, message: "the configuration " + refusal)
        }
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let detail = FrontMatterError(yaml: error, firstLine: 1)
            throw Problem(file: fileName, line: detail.line, kind: .config, message: detail.message)
        } catch {
            throw Problem(file: fileName, line: 1, kind: .config, message: "\(error)")
        }
        guard let root else { return config }
        guard let mapping = root.mapping else {
            throw Problem(file: fileName, line: 1, kind: .config, message: "expected a mapping of settings")
        }
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            let line = key.mark?.line
            switch name {
            case "title": config.title = value.scalar?.string
            case "language": config.language = value.scalar?.string
            case "base":
                let base = value.scalar?.string ?? "/"
                if base.contains("://") || base.contains("?") || base.contains("#") || base.contains(where: \.isWhitespace) {
                    config.warnings.append(Problem(file: fileName, line: line, kind: .config,
                                                   message: "base \"\(base)\" is not a path such as /docs/; it is ignored"))
                } else {
                    config.base = base
                }
            case "site":
                config.site = absolute(value, line: line, valid: isAbsoluteURL, warning: "site", example: "https://example.com/docs/", into: &config)
            case "iri":
                config.iri = absolute(value, line: line, valid: isAbsoluteIRI, warning: "iri",
                                      example: "https://example.com/terms/ or urn:example:", into: &config)
            case "links":
                let text = value.scalar?.string ?? ""
                if let mode = LinkMode(rawValue: text) {
                    config.links = mode
                    config.linksDeclared = true
                } else {
                    config.warnings.append(Problem(file: fileName, line: line, kind: .config,
                                                   message: "links \"\(text)\" is neither paths nor names; it is ignored"))
                }
            case "html_content", "html_skip", "trailing_slash": config.readHTMLSetting(name, value, line: line)
            case "fragments", "fragment_patterns": config.readFragmentSetting(name, value, line: line)
            case "link_patterns": config.readLinkPatterns(value, line: line)
            case "category_key": config.categoryKey = value.scalar?.string ?? "office"
            case "categories":
                guard let categories = value.mapping else {
                    throw Problem(file: fileName, line: line, kind: .config, message: "categories must map a category name to a hub slug")
                }
                for (category, hub) in categories {
                    guard let categoryName = category.scalar?.string, let hubSlug = hub.scalar?.string else {
                        throw Problem(file: fileName, line: category.mark?.line, kind: .config, message: "categories must map a category name to a hub slug")
                    }
                    config.categories.append((categoryName, hubSlug))
                    config.categoryLines.append(category.mark?.line)
                }
            case "exclude":
                guard let globs = stringList(value) else {
                    throw Problem(file: fileName, line: line, kind: .config, message: "exclude must be a glob or a list of globs")
                }
                for glob in globs { config.exclude.add(glob) }
            case "wikilinks":
                guard let flag = value.bool else {
                    throw Problem(file: fileName, line: line, kind: .config, message: "wikilinks must be true or false")
                }
                config.wikilinks = flag
            case "redirects":
                let file = value.scalar?.string.trimmingSpaces ?? ""
                if !file.isEmpty { config.redirects = TermKey.trimSlashes(file) }
            case "translations":
                let pattern = TermKey.trimSlashes(value.scalar?.string.trimmingSpaces ?? "")
                guard pattern.hasSuffix("{lang}"), pattern.components(separatedBy: "{lang}").count == 2 else {
                    throw Problem(file: fileName, line: line, kind: .config,
                                  message: "translations must be a folder path ending in {lang}, such as translations/{lang}")
                }
                config.translations = pattern
            case "namespaces":
                let numbers = value.sequence?.compactMap { $0.scalar.flatMap { Int($0.string) } } ?? value.scalar.flatMap { Int($0.string) }.map { [$0] }
                if let numbers, !numbers.isEmpty {
                    config.namespaces = Set(numbers)
                } else {
                    config.warnings.append(Problem(file: fileName, line: line, kind: .config,
                                                   message: "namespaces must be a list of namespace numbers such as [0, 14]; it is ignored"))
                }
            default:
                continue
            }
        }
        return config
    }

    /// A scalar as a one-item list, or a sequence of scalars; nil for anything else.
    private static func stringList(_ value: Node) -> [String]? {
        if let scalar = value.scalar { return [scalar.string] }
        guard let sequence = value.sequence else { return nil }
        var items: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string else { return nil }
            items.append(text)
        }
        return items
    }

    /// A setting that must be an absolute URL or IRI: nil when empty; when it is not one, nil and
    /// a problem at its line (the rest of the configuration holds).
    private static func absolute(_ value: Node, line: Int?, valid: (String) -> Bool, warning name: String, example: String,
                                 into config: inout CorpusConfig) -> String? {
        let text = value.scalar?.string ?? ""
        if text.isEmpty { return nil }
        if valid(text) { return text }
        let kind = name == "site" ? "URL" : "IRI"
        config.warnings.append(Problem(file: fileName, line: line, kind: .config,
                                       message: "\(name) \"\(text)\" is not an absolute \(kind) such as \(example); it is ignored"))
        return nil
    }

    /// `scheme:…` with no white space: a scheme of letters, digits, `+`, `-` or `.` starting
    /// with a letter (`urn:x-glossary:` is one, unlike a `site`).
    static func isAbsoluteIRI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter,
              text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return false }
        return text.index(after: colon) < text.endIndex && !text.contains(where: \.isWhitespace)
    }

    /// `scheme://host…`: a scheme of letters, digits, `+`, `-` or `.` starting with a letter,
    /// then `//` and a host that is not empty.
    static func isAbsoluteURL(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter else { return false }
        let scheme = text[..<colon]
        guard scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return false }
        let rest = text[text.index(after: colon)...]
        guard rest.hasPrefix("//") else { return false }
        let host = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !host.contains(where: \.isWhitespace)
    }
}
