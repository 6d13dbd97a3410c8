import Glibc

/// MediaWiki XML dumps (§1c): `*.xml`, `*.xml.bz2` and Wikipedia's chunk names `*.xml-*.bz2`,
/// whose root element is `<mediawiki>`. One file holds many articles; it is read as a stream
/// (`DumpFile` → `DumpInput` → `DumpParser`), a page at a time, never whole, so the per-file
/// size limit does not apply.
///
/// ```swift
/// let read = MediaWikiFormat(config: config).streamedArticles(from: "/data/enwiki.xml.bz2", path: "enwiki.xml.bz2")
/// read?.articles.first?.slug  // "April"
/// ```
public struct MediaWikiFormat: ArticleFormat {
    /// The namespaces whose pages are articles.
    public var namespaces: Set<Int>

    public init(namespaces: Set<Int> = [0]) {
        self.namespaces = namespaces
    }

    /// Whether pages keep their section anchors (`fragments: check`).
    public var collectsAnchors = false

    public init(config: CorpusConfig) {
        self.init(namespaces: config.namespaces)
        collectsAnchors = config.fragments.check
    }

    public var extensions: [String] { [".xml", ".bz2"] }

    /// Dumps are streamed, whatever their size; this bounds only `articles(in:path:)`.
    public var maximumFileBytes: Int { 64 << 20 }

    /// Whether a file name is one a dump may have.
    static func isDumpName(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        if name.hasSuffix(".xml") || name.hasSuffix(".xml.bz2") { return true }
        return name.hasSuffix(".bz2") && name.contains(".xml-")
    }

    /// The articles of a dump held in memory (tests, fuzzing): the same reading as a file's.
    public func articles(in bytes: [UInt8], path: String) throws(Problem) -> [Article] {
        let read = read(DumpFile(bytes: bytes), path: path)
        if read.articles.isEmpty, let first = read.problems.first { throw first }
        return read.articles
    }

    /// Every problem as well as every article of a dump held in memory.
    public func read(_ bytes: [UInt8], path: String) -> StreamedFile {
        read(DumpFile(bytes: bytes), path: path)
    }

    public func streamedArticles(from file: String, path: String) -> StreamedFile? {
        guard Self.isDumpName(path) else { return StreamedFile(articles: [], problems: [], checksum: nil) }
        guard let dump = DumpFile(path: file, compressed: path.lowercased().hasSuffix(".bz2")) else {
            let reason = String(cString: strerror(errno))
            return StreamedFile(articles: [], problems: [Problem(file: path, kind: .unreadable, message: "cannot open the dump: \(reason)")],
                                checksum: nil)
        }
        return read(dump, path: path)
    }

    private func read(_ dump: DumpFile, path: String) -> StreamedFile {
        let input = DumpInput(dump)
        let parser = DumpParser(input, path: path)
        var builder = DumpArticles(path: path, namespaces: namespaces)
        builder.collectsAnchors = collectsAnchors
        let isDump = parser.parse(siteInfo: { builder.site = SiteInfo($0) }, page: { builder.add($0) })
        guard isDump else { return StreamedFile(articles: [], problems: [], checksum: nil) }
        if let line = input.doctypeLine {
            builder.problems.insert(Problem(file: path, line: line, kind: .encoding,
                                            message: "the dump declares a DOCTYPE, which dumps never have; it is ignored, and no entity it declares is expanded"),
                                    at: 0)
        }
        if let failure = parser.failure {
            builder.problems.append(Problem(file: path, line: failure.line, kind: .encoding, message: failure.message))
        }
        let problems = builder.finish()
        return StreamedFile(articles: builder.articles, problems: problems, checksum: input.checksum)
    }
}

/// The articles of one dump as its pages arrive, with the redirects kept for the end.
struct DumpArticles {
    let path: String
    let namespaces: Set<Int>
    var collectsAnchors = false
    var site = SiteInfo()
    var articles: [Article] = []
    var problems: [Problem] = []
    private var redirects = RedirectResolution()
    private var categories = CategoryLists()
    private var links = LinkSlabs()

    init(path: String, namespaces: Set<Int>) {
        self.path = path
        self.namespaces = namespaces
    }

    mutating func add(_ page: DumpPage) {
        guard namespaces.contains(page.namespace), !page.title.isEmpty else { return }
        let title = WikiTitle.clean(page.title)
        var oversized = false
        for repair in page.repairs {
            let message: String
            switch repair.kind {
            case .notUTF8: message = "page \"\(title)\" holds bytes that are not UTF-8 or are control characters; they are read as U+FFFD"
            case .entity(let name): message = "page \"\(title)\" uses the entity &\(name);, which no dump declares; it is read as text"
            case .oversizedText:
                oversized = true
                message = "page \"\(title)\" has a text of more than \(DumpInput.maximumTextBytes >> 20) MB (MediaWiki stores none over 2 MB); it is left out"
            }
            problems.append(Problem(file: path, line: repair.line, kind: repair.kind == .oversizedText ? .unreadable : .encoding, message: message))
        }
        if oversized { return }
        if let written = page.redirect ?? RedirectText.target(page.text).map(String.init) {
            redirects.redirects.append(.init(title: title, target: WikiTarget(Substring(written), site: site), written: written, line: page.line))
            return
        }
        let scanner = WikitextScanner(site: site, namespaces: namespaces)
        let found = page.text.withUnsafeBufferPointer { scanner.scan($0, firstLine: page.textLine) }
        let slug = WikiTitle.slug(title)
        articles.append(Article(path: path, line: page.line, slug: slug, pathSlug: slug, title: title,
                                attributes: categories.attributes(for: found.categories),
                                anchors: collectsAnchors ? page.text.withUnsafeBufferPointer { WikiSections.anchors(in: $0) } : AnchorSet()))
        links.add(found.links, to: articles.count - 1)
        if links.isFull { links.flush(into: &articles) }
    }

    /// The problems, once every page is in: the redirects are applied last, when every
    /// article they can reach is known.
    mutating func finish() -> [Problem] {
        links.flush(into: &articles)
        return problems + redirects.apply(to: &articles, namespaces: namespaces, path: path)
    }
}
