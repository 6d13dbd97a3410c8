/// One way of writing articles down: the files it takes, and how their bytes become articles.
/// Every reader yields the same `Article`s and links, so that every check, query and export
/// works the same whatever the corpus was written in.
///
/// A new format is one type conforming to this protocol, under `Formats/`, and one entry in
/// `CorpusReader.formats(for:)`.
public protocol ArticleFormat: Sendable {
    /// File name endings it reads, in lower case (`.md`); names are compared in any case.
    var extensions: [String] { get }
    /// Files larger than this are reported and skipped rather than read.
    var maximumFileBytes: Int { get }
    /// The articles in one file (none when the file turns out not to be an article), or the
    /// problem that keeps it from being read. `path` is relative to the corpus root.
    func articles(in bytes: [UInt8], path: String) throws(Problem) -> [Article]
    /// For a file that holds a whole collection (a MediaWiki dump of any size): the format reads
    /// the file at `file` itself, as a stream, and gives its articles and the problems of the
    /// ones it could not read. Nil, the default, has the corpus reader read the file's bytes
    /// (up to `maximumFileBytes`) and call `articles(in:path:)`.
    func streamedArticles(from file: String, path: String) -> StreamedFile?
}

extension ArticleFormat {
    public func streamedArticles(from file: String, path: String) -> StreamedFile? { nil }
}

/// What a format that streams its files read from one of them.
public struct StreamedFile: Sendable {
    /// In the order the file holds them; empty when the file is not one the format reads.
    public var articles: [Article]
    /// The parts of the file that could not be read, each with its line; the rest still counts.
    public var problems: [Problem]
    /// The checksum of the file's bytes as read (for a file whose stamp cannot vouch for it).
    public var checksum: UInt64?

    public init(articles: [Article], problems: [Problem], checksum: UInt64?) {
        self.articles = articles
        self.problems = problems
        self.checksum = checksum
    }
}
