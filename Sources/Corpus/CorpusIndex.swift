import Foundation
import Graph
import Storage

/// A file's version as the walk sees it: if none of these changed, neither did the content.
/// The change time catches edits that restore the modification time; the inode, replacements.
public struct FileStamp: Sendable, Equatable {
    var size: Int
    var modified: Int
    var changed: Int
    var inode: Int

    init(_ info: stat) {
        size = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)
        changed = Int(info.st_ctim.tv_sec) &* 1_000_000_000 &+ Int(info.st_ctim.tv_nsec)
        inode = Int(info.st_ino)
    }

    init(size: Int, modified: Int, changed: Int, inode: Int) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }
}

/// An article file found by the walk.
struct CorpusFile: Sendable, Equatable {
    var path: String
    var stamp: FileStamp
}

/// What reading one file gave.
enum ExtractedFile: Sendable {
    case notAnArticle
    case article(Article)
    case problem(Problem)
}

/// The on-disk index of a corpus: the graph as last built, and every file's extracted article,
/// each under the stamps of the files it was made from. It lives outside the corpus (the corpus
/// can live without it) and is only ever used when every stamp still matches.
///
/// ```swift
/// let index = CorpusIndex(folder: CorpusIndex.defaultFolder(for: root))
/// let graph = try CorpusReader().readGraph(root, index: index)
/// ```
public struct CorpusIndex: Sendable {
    public let folder: URL

    /// Bumped whenever what is stored, or how it is extracted, changes.
    static let formatVersion = 1
    static let magic = Array("termgraph-index".utf8)

    public init(folder: URL) {
        self.folder = folder
    }

    /// `$XDG_CACHE_HOME/termgraph/<hash of the corpus's real path>`, else under `~/.cache`.
    public static func defaultFolder(for root: URL) -> URL {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        let real = root.resolvingSymlinksInPath().standardizedFileURL.path
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in real.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let name = String(hash, radix: 16)
        return base.appendingPathComponent("termgraph").appendingPathComponent(String(repeating: "0", count: 16 - name.count) + name)
    }

    var graphFile: URL { folder.appendingPathComponent("graph.bin") }
    var articlesFile: URL { folder.appendingPathComponent("articles.bin") }

    /// What the index holds for a corpus whose configuration file reads `configBytes`.
    final class Cached {
        private let index: CorpusIndex
        private let configBytes: [UInt8]?

        init(index: CorpusIndex, configBytes: [UInt8]?) {
            self.index = index
            self.configBytes = configBytes
        }

        /// graph.bin after its header, and the files it was built from; read only when a graph
        /// is asked for (it is the larger file, and `links` never needs it).
        private lazy var graphSection: (reader: ByteReader, files: [CorpusFile])? = {
            guard let bytes = try? index.readFile(index.graphFile) else { return nil }
            var reader = ByteReader(bytes)
            guard let files = try? index.readHeader(&reader, configBytes: configBytes) else { return nil }
            return (reader, files)
        }()

        /// Whether the stored graph was built from exactly these files.
        func matches(_ files: [CorpusFile]) -> Bool {
            graphSection?.files == files
        }

        /// Whether every file has a record under its current stamp, and no record is left over.
        func recordsMatch(_ files: [CorpusFile]) -> Bool {
            records.count == files.count && files.allSatisfy { records[$0.path]?.0 == $0.stamp }
        }

        /// The stored graph, with this scan's configuration and walk problems in front.
        func graph(config: CorpusConfig, scanProblems: [Problem]) -> CorpusGraph? {
            guard var reader = graphSection?.reader else { return nil }
            do throws(ByteReader.Corrupt) {
                let links = try reader.readInt(), external = try reader.readInt()
                var problems = scanProblems
                for _ in 0..<(try reader.readCount()) { problems.append(try Problem(from: &reader)) }
                let graph = try KnowledgeGraph(from: &reader)
                let terms = try TermIndex(from: &reader, nodeCount: graph.nodeCount)
                return CorpusGraph(graph: graph, linkCount: links, externalLinkCount: external, problems: problems,
                                   config: config, termIndex: terms)
            } catch {
                return nil
            }
        }

        /// The extracted file records by path, for reading only what changed.
        lazy var records: [String: (FileStamp, ExtractedFile)] = {
            guard let bytes = try? index.readFile(index.articlesFile) else { return [:] }
            var reader = ByteReader(bytes)
            do throws(ByteReader.Corrupt) {
                let files = try index.readHeader(&reader, configBytes: configBytes)
                var result: [String: (FileStamp, ExtractedFile)] = [:]
                result.reserveCapacity(files.count)
                for file in files {
                    let record: ExtractedFile
                    switch try reader.readInt() {
                    case 0: record = .notAnArticle
                    case 1: record = .article(try Article(from: &reader))
                    case 2: record = .problem(try Problem(from: &reader))
                    default: throw ByteReader.Corrupt()
                    }
                    result[file.path] = (file.stamp, record)
                }
                return result
            } catch {
                return [:]
            }
        }()
    }

    /// The index's content, or nil when there is none for this configuration.
    func load(expecting configBytes: [UInt8]?) -> Cached? {
        Cached(index: self, configBytes: configBytes)
    }

    /// Writes the records (and the graph, when given) under the files' stamps. Each file is
    /// replaced atomically; a failure to write leaves the corpus answering from a fresh build.
    func save(files: [CorpusFile], configBytes: [UInt8]?, records: [ExtractedFile], graph: (CorpusGraph, scanProblems: Int)?) {
        var articles = ByteWriter()
        writeHeader(&articles, files: files, configBytes: configBytes)
        for record in records {
            switch record {
            case .notAnArticle:
                articles.write(0)
            case .article(let article):
                articles.write(1)
                article.encode(to: &articles)
            case .problem(let problem):
                articles.write(2)
                problem.encode(to: &articles)
            }
        }
        try? AtomicFile.write(articles.bytes, to: articlesFile)
        guard let (built, scanProblems) = graph else {
            try? FileManager.default.removeItem(at: graphFile)
            return
        }
        var writer = ByteWriter()
        writeHeader(&writer, files: files, configBytes: configBytes)
        writer.write(built.linkCount)
        writer.write(built.externalLinkCount)
        let problems = built.problems.dropFirst(scanProblems)
        writer.write(problems.count)
        for problem in problems { problem.encode(to: &writer) }
        built.graph.encode(to: &writer)
        (built.termIndex ?? TermIndex(built.graph)).encode(to: &writer)
        try? AtomicFile.write(writer.bytes, to: graphFile)
    }

    private func writeHeader(_ writer: inout ByteWriter, files: [CorpusFile], configBytes: [UInt8]?) {
        writer.append(Self.magic)
        writer.write(Self.formatVersion)
        writer.write(configBytes != nil)
        if let configBytes {
            writer.write(configBytes.count)
            writer.append(configBytes)
        }
        writer.write(files.count)
        for file in files {
            writer.write(file.path)
            writer.write(file.stamp.size)
            writer.write(file.stamp.modified)
            writer.write(file.stamp.changed)
            writer.write(file.stamp.inode)
        }
    }

    /// The stored files, or an error when the header is not this format's or the configuration differs.
    fileprivate func readHeader(_ reader: inout ByteReader, configBytes: [UInt8]?) throws(ByteReader.Corrupt) -> [CorpusFile] {
        for byte in Self.magic {
            guard !reader.atEnd, try reader.readByte() == byte else { throw ByteReader.Corrupt() }
        }
        guard try reader.readInt() == Self.formatVersion else { throw ByteReader.Corrupt() }
        var stored: [UInt8]?
        if try reader.readBool() {
            let count = try reader.readCount()
            stored = try reader.readBytes(count)
        }
        guard stored == configBytes else { throw ByteReader.Corrupt() }
        let count = try reader.readCount()
        var files: [CorpusFile] = []
        files.reserveCapacity(count)
        for _ in 0..<count {
            let path = try reader.readString()
            let stamp = FileStamp(size: try reader.readInt(), modified: try reader.readInt(), changed: try reader.readInt(), inode: try reader.readInt())
            files.append(CorpusFile(path: path, stamp: stamp))
        }
        return files
    }

    fileprivate func readFile(_ url: URL) throws -> [UInt8] {
        try CorpusReader.readFile(url.path, limit: Int.max)
    }
}
