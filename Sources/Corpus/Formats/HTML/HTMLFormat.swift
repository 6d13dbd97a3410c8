import CLibXML2
import TermgraphCore

/// HTML pages (§1b): `.html` and `.htm` files read with libxml2's HTML parser, with optional YAML
/// front matter before the markup. Title, description, keywords and `lang` come from front
/// matter, else from the page; links are the `<a href>` of its content.
///
/// ```swift
/// let articles = try HTMLFormat(config: CorpusConfig()).articles(in: bytes, path: "a/b/index.html")
/// ```
public struct HTMLFormat: ArticleFormat {
    public var config: CorpusConfig
    private let skip: [ElementSelector]

    public init(config: CorpusConfig) {
        self.config = config
        self.skip = config.htmlSkip.compactMap(ElementSelector.init)
        self.anchorPatterns = config.fragments.compiled
    }

    /// With `fragments: check`, the page's ids are its anchors, with what the patterns find.
    private let anchorPatterns: FragmentPatterns?

    public var extensions: [String] { [".html", ".htm"] }

    /// Larger than Markdown's: generated pages carry a lot of markup per word of text.
    public var maximumFileBytes: Int { 128 << 20 }

    public func articles(in bytes: [UInt8], path: String) throws(Problem) -> [Article] {
        if let declared = PageEncoding.declared(in: bytes) {
            let page = bytes.withUnsafeBufferPointer { HTMLPageScanner.scan($0, encoding: .declared(declared), skip: skip, firstLine: 1,
                                                                                 collectsIDs: anchorPatterns != nil) }
            return [article(page, fields: ArticleFields(FrontMatter(), categoryKey: config.categoryKey), path: path,
                            anchors: anchors(of: page, text: { String(decoding: bytes, as: UTF8.self) }))]
        }
        let text = try TextDecoding.text(bytes, path: path)
        let block = try FrontMatterBlock(text, path: path)
        let body = text.utf8[block.bodyStart...]
        let scan = { (markup: UnsafeBufferPointer<UInt8>) in
            HTMLPageScanner.scan(markup, encoding: .utf8, skip: skip, firstLine: block.bodyLine, collectsIDs: anchorPatterns != nil)
        }
        let page = body.withContiguousStorageIfAvailable(scan) ?? Array(body).withUnsafeBufferPointer(scan)
        return [article(page, fields: ArticleFields(block.frontMatter, categoryKey: config.categoryKey), path: path,
                        anchors: anchors(of: page, text: { String(Substring(body)) }))]
    }

    /// The article a page makes: front matter first, then what the page says, then the slug.
    private func anchors(of page: HTMLPage, text: () -> String) -> AnchorSet {
        guard let anchorPatterns else { return AnchorSet() }
        return AnchorSet(page.ids + anchorPatterns.ids(in: text()))
    }

    private func article(_ page: HTMLPage, fields: ArticleFields, path: String, anchors: AnchorSet) -> Article {
        let pathSlug = Article.pathSlug(for: path)
        let slug = fields.slug ?? pathSlug
        var attributes = fields.attributes
        if let lang = page.lang, !attributes.contains(where: { $0.name == "lang" }) {
            attributes.append(ArticleAttribute(name: "lang", value: .text(lang)))
        }
        let pageURL = PageURL(path: path, config: config, baseHref: page.baseHref)
        var aliases = fields.aliases
        if let canonical = page.canonical.flatMap({ pageURL.alias(forCanonical: $0) }), !aliases.contains(canonical) {
            aliases.append(canonical)
        }
        let links = page.contentAnchors(config.htmlContent).map {
            Link(target: pageURL.target(of: $0.href), text: $0.text, line: $0.line, kind: .html)
        }
        return Article(
            path: path, slug: slug, pathSlug: pathSlug,
            title: fields.title ?? page.title ?? page.firstHeading ?? slug,
            description: fields.description ?? page.description,
            keywords: fields.keywords.isEmpty ? ArticleFields.list(page.keywords.map { .text($0) }) : fields.keywords,
            aliases: aliases, category: fields.category, attributes: attributes, links: links, anchors: anchors)
    }
}
