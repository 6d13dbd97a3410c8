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
}
