/// The front-matter block that may open a text file, and the article fields it sets: Markdown
/// files and HTML pages (§1b) read it the same way.
///
/// ```swift
/// let block = try FrontMatterBlock(text, path: "a.md")    // nil front matter when there is none
/// let fields = ArticleFields(block.frontMatter, categoryKey: "office")
/// ```
package struct FrontMatterBlock {
    package var frontMatter = FrontMatter()
    /// Where the body starts in the text, and its line in the file.
    package var bodyStart: String.UTF8View.Index
    package var bodyLine = 1

    /// Splits `text` (as `TextDecoding` gives it: LF line ends) at the closing `---` or `...`.
    package init(_ text: String, path: String) throws(Problem) {
        bodyStart = text.utf8.startIndex
        if let (yaml, end, lines) = Self.split(text) {
            switch Result(catching: { () throws(FrontMatterError) in try FrontMatter.parse(yaml: yaml, firstLine: 2) }) {
            case .success(let parsed): frontMatter = parsed
            case .failure(let error): throw Problem(file: path, line: error.line, kind: .frontMatter, message: error.message)
            }
            bodyStart = end
            bodyLine = lines + 1
        } else if text.hasPrefix("---\n") || text == "---" {
            throw Problem(file: path, line: 1, kind: .frontMatter, message: "front matter opened with --- is never closed")
        }
    }

    /// The YAML text, the index where the body starts, and how many lines the front matter spans.
    private static func split(_ text: String) -> (String, String.UTF8View.Index, Int)? {
        let utf8 = text.utf8
        guard utf8.starts(with: "---\n".utf8) else { return nil }
        var lineStart = utf8.index(utf8.startIndex, offsetBy: 4)
        var lines = 1
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            lines += 1
            let line = utf8[lineStart..<lineEnd]
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                let yaml = String(Substring(utf8[utf8.index(utf8.startIndex, offsetBy: 4)..<lineStart]))
                let bodyStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
                return (yaml, bodyStart, lines)
            }
            if lineEnd == utf8.endIndex { break }
            lineStart = utf8.index(after: lineEnd)
        }
        return nil
    }
}

/// What front matter says about an article (§1 "Front matter"); each field nil or empty when it
/// does not say.
package struct ArticleFields {
    package var slug: String?
    package var title: String?
    package var description: String?
    package var category: String?
    package var keywords: [String]
    package var aliases: [String]
    /// Every key the contract gives no meaning to, kept for exports.
    package var attributes: [ArticleAttribute] = []

    /// Keys the contract gives a meaning to; every other key is kept as an attribute.
    private static let knownKeys: Set<String> = ["title", "description", "keywords", "slug", "aliases"]

    package init(_ frontMatter: FrontMatter, categoryKey: String) {
        slug = Self.text(frontMatter["slug"])
        title = Self.text(frontMatter["title"])
        description = Self.text(frontMatter["description"])
        category = Self.text(frontMatter[categoryKey])
        keywords = Self.list(frontMatter["keywords"])
        aliases = Self.list(frontMatter["aliases"])
        for (key, value) in frontMatter.entries where !Self.knownKeys.contains(key) && key != categoryKey {
            switch value {
            case .text(let text): attributes.append(ArticleAttribute(name: key, value: .text(text)))
            case .list(let items): attributes.append(ArticleAttribute(name: key, value: .list(items)))
            }
        }
    }

    /// A text value trimmed; nil when missing, empty or a list.
    private static func text(_ value: FrontMatter.Value?) -> String? {
        guard case .text(let text)? = value, !text.trimmingSpaces.isEmpty else { return nil }
        return text.trimmingSpaces
    }

    /// `keywords` and `aliases`: a YAML list, or one comma-separated string; items trimmed.
    package static func list(_ value: FrontMatter.Value?) -> [String] {
        let items: [String]
        switch value {
        case .text(let text)?: items = text.split(separator: ",").map(String.init)
        case .list(let list)?: items = list
        case nil: items = []
        }
        return items.map(\.trimmingSpaces).filter { !$0.isEmpty }
    }
}
