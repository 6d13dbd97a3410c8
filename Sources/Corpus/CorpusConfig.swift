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
    /// The line of each category's entry in `termgraph.yml`, in declaration order.
    package var categoryLines: [Int?] = []
    /// Settings that were ignored because of their shape (each with its line); the rest of the
    /// configuration holds.
    package var warnings: [Problem] = []

    public static let fileName = "termgraph.yml"

    public init() {}

    public static func == (a: CorpusConfig, b: CorpusConfig) -> Bool {
        a.title == b.title && a.language == b.language && a.base == b.base && a.site == b.site && a.iri == b.iri
            && a.categoryKey == b.categoryKey && a.categories.elementsEqual(b.categories) { $0 == $1 }
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
            default:
                continue
            }
        }
        return config
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
