import Foundation
import TermgraphCore
import TermgraphCorpus
import TermgraphGraph
import TermgraphLinking
import TermgraphStorage
import TermgraphTerms

/// The on-disk index of a corpus, in three files written atomically:
/// - `graph.bin`: the graph as last built, under the fingerprint of the files it came from;
/// - `terms.bin`: the term lookup tables for that graph, written the first time a term needs them;
/// - `articles.bin`: every file's extracted article under its stamp, so that a rebuild reads
///   only the files that changed.
/// It lives outside the corpus (the corpus can live without it) and is only ever used when the
/// fingerprint, or a file's stamp, still matches. Files are mapped into memory, not read: a
/// query decodes only the nodes it touches.
///
/// ```swift
/// let index = CorpusIndex(folder: CorpusIndex.defaultFolder(for: root))
/// let graph = try index.readGraph(root, with: CorpusReader()).graph
/// ```
public struct CorpusIndex: Sendable {
    public let folder: URL

    /// Bumped whenever what is stored, or how it is extracted, changes.
    static let formatVersion = 10
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
    var termsFile: URL { folder.appendingPathComponent("terms.bin") }
    var articlesFile: URL { folder.appendingPathComponent("articles.bin") }

    /// What the index holds for a corpus whose configuration file reads `configBytes`.
    package final class Cached {
        private let index: CorpusIndex
        private let configBytes: [UInt8]?

        init(index: CorpusIndex, configBytes: [UInt8]?) {
            self.index = index
            self.configBytes = configBytes
        }

        /// graph.bin after its fingerprint; mapped only when a graph is asked for (`links`
        /// never needs it).
        private lazy var graphSection: (reader: ByteReader, fingerprint: FolderFingerprint, build: UInt64, racy: [RacyFile])? = {
            guard let buffer = index.map(index.graphFile) else { return nil }
            var reader = ByteReader(buffer)
            do throws(ByteReader.Corrupt) {
                try index.readHeader(&reader, configBytes: configBytes)
                let (fingerprint, build) = try index.readStamp(&reader)
                var racy: [RacyFile] = []
                for _ in 0..<(try reader.readCount(max: reader.remaining)) {
                    let path = try reader.readString()
                    racy.append(RacyFile(path: path, checksum: try reader.readBool() ? try reader.readWord() : nil))
                }
                return (reader, fingerprint, build, racy)
            } catch {
                return nil
            }
        }()

        /// The fingerprint of the files the stored graph was built from.
        var fingerprint: FolderFingerprint? { graphSection?.fingerprint }

        /// The files whose stamps could not vouch for their content when the graph was built.
        var racyFiles: [RacyFile] { graphSection?.racy ?? [] }

        /// Whether every file has a record under its current stamp, and no record is left over.
        func recordsMatch(_ files: [FoundFile], in stored: StoredRecords) -> Bool {
            stored.count == files.count && files.allSatisfy { stored.records[$0.path]?.0 == $0.stamp }
        }

        /// The stored graph, with this scan's configuration problems in front, and where its
        /// term tables are kept.
        func graph(config: CorpusConfig, scanProblems: [Problem]) -> (CorpusGraph, TermStore)? {
            guard let section = graphSection else { return nil }
            var reader = section.reader
            do throws(ByteReader.Corrupt) {
                let links = try reader.readInt(), external = try reader.readInt(), attachments = try reader.readInt()
                let problems = try ProblemList(from: &reader, after: scanProblems)
                let graph = try KnowledgeGraph(from: &reader)
                try reader.endSection()
                let built = CorpusGraph(graph: graph, linkCount: links, externalLinkCount: external, attachmentLinkCount: attachments,
                                        problems: problems,
                                        config: config)
                return (built, TermStore(index: index, configBytes: configBytes, fingerprint: section.fingerprint, build: section.build))
            } catch {
                return nil
            }
        }

        /// The extracted file records by path, for reading only what changed. A record whose
        /// stamp was racy when it was stored, or of a read that failed, is left out: that file
        /// is read again.
        lazy var records: [String: (FileStamp, ExtractedFile)] = decodeRecords(keeping: { _, _ in true }).records

        /// The records of `files` stored under the stamp each has now, and how many records are
        /// stored in all. The others are read past without being kept: when a dump changed, its
        /// old articles are never all in memory next to the new ones.
        func records(matching files: [FoundFile]) -> StoredRecords {
            let stamps = Dictionary(files.map { ($0.path, $0.stamp) }, uniquingKeysWith: { a, _ in a })
            return decodeRecords(keeping: { path, stamp in stamps[path] == stamp })
        }

        private func decodeRecords(keeping wanted: (String, FileStamp) -> Bool) -> StoredRecords {
            let disturbances = MappedFile.disturbances
            guard let buffer = index.map(index.articlesFile) else { return StoredRecords(records: [:], count: 0) }
            var reader = ByteReader(buffer)
            do throws(ByteReader.Corrupt) {
                try index.readHeader(&reader, configBytes: configBytes)
                try reader.verifySectionToEnd()
                let racyFrom = try reader.readInt()
                let count = try reader.readCount()
                var result: [String: (FileStamp, ExtractedFile)] = [:]
                // Every record takes some bytes: a damaged count cannot ask for more room than that.
                result.reserveCapacity(min(count, reader.remaining))
                for _ in 0..<count {
                    let path = try reader.readString()
                    let stamp = FileStamp(size: try reader.readInt(), modified: try reader.readInt(), changed: try reader.readInt(), inode: try reader.readInt())
                    guard wanted(path, stamp) else {
                        try ExtractedFile.skip(&reader)
                        continue
                    }
                    let record = try ExtractedFile(from: &reader)
                    if stamp.modified >= racyFrom || stamp.changed >= racyFrom { continue }
                    if case .problem(let problem) = record, problem.kind == .unreadable { continue }
                    result[path] = (stamp, record)
                }
                try reader.endSection()
                // The records are copies of bytes checked before they were copied: written to
                // meanwhile, the file may have given others, which no checksum vouches for.
                guard MappedFile.disturbances == disturbances else { return StoredRecords(records: [:], count: 0) }
                return StoredRecords(records: result, count: count)
            } catch {
                return StoredRecords(records: [:], count: 0)
            }
        }
    }

    /// Records read from `articles.bin`, by path, and how many the file holds.
    package struct StoredRecords {
        var records: [String: (FileStamp, ExtractedFile)]
        var count: Int
    }

    /// What the index holds for this configuration (each part empty when it holds nothing valid).
    func load(expecting configBytes: [UInt8]?) -> Cached {
        Cached(index: self, configBytes: configBytes)
    }

    /// Writes every file's record under its stamp (`articles.bin`). The file is replaced
    /// atomically; a failure to write leaves the corpus answering from a fresh build.
    func saveRecords(scan: CorpusReader.Scan, records: [ExtractedFile]) {
        write(articlesFile) { articles in
            writeHeader(&articles, configBytes: scan.configBytes)
            articles.write(scan.racyFrom)
            articles.write(scan.files.count)
            for (file, record) in zip(scan.files, records) {
                articles.write(file.path)
                articles.write(file.stamp.size)
                articles.write(file.stamp.modified)
                articles.write(file.stamp.changed)
                articles.write(file.stamp.inode)
                record.encode(to: &articles)
            }
        }
    }

    /// Writes the graph built from the scan's files (`graph.bin`); returns where the graph's
    /// term tables go.
    @discardableResult
    func saveGraph(_ graph: (CorpusGraph, scanProblems: Int), scan: CorpusReader.Scan, racy: [RacyFile] = []) -> TermStore? {
        let (files, configBytes) = (scan.files, scan.configBytes)
        let (built, scanProblems) = graph
        let store = TermStore(index: self, configBytes: configBytes, fingerprint: FolderFingerprint(files),
                              build: UInt64.random(in: 1...UInt64.max))
        write(graphFile) { writer in
            writeHeader(&writer, configBytes: configBytes)
            writeStamp(&writer, fingerprint: store.fingerprint, build: store.build)
            writer.write(racy.count)
            for file in racy {
                writer.write(file.path)
                writer.write(file.checksum != nil)
                if let checksum = file.checksum { writer.write(word: checksum) }
            }
            writer.write(built.linkCount)
            writer.write(built.externalLinkCount)
            writer.write(built.attachmentLinkCount)
            built.problems.encode(to: &writer, skipping: scanProblems)
            built.graph.encode(to: &writer)
        }
        return store
    }

    /// The first of the index's file names under which stands something the index did not
    /// write (no magic at its start: a file of another program, a folder, a link, a FIFO), as
    /// when `--cache-dir` names a folder that is not the index's. The index then writes and
    /// removes nothing in that folder.
    package var foreignFile: URL? {
        [graphFile, articlesFile, termsFile].first { !AtomicFile.isAbsentOrStarts(with: Self.magic, at: $0) }
    }

    /// Streams one index file into place atomically; a failure leaves the old file (or none),
    /// and the corpus answering from a fresh build. Only files of the index's own are ever
    /// replaced: the magic is checked again just before the rename.
    func write(_ url: URL, _ fill: (inout ByteWriter) -> Void) {
        guard foreignFile == nil else { return }
        try? AtomicFile.write(to: url, replacingOnlyFilesStartingWith: Self.magic) { fd in
            var writer = ByteWriter(streamingTo: { AtomicFile.writeAll($0, to: fd) })
            fill(&writer)
            writer.endSection()
            writer.finish()
            return writer.failure
        }
    }

    /// The magic and format version, then, opening the section that runs to the end of the
    /// file and ends with its checksum, the configuration the file was made for.
    func writeHeader(_ writer: inout ByteWriter, configBytes: [UInt8]?) {
        writer.append(Self.magic)
        writer.write(Self.formatVersion)
        writer.beginSection()
        writer.write(configBytes != nil)
        if let configBytes {
            writer.write(configBytes.count)
            writer.append(configBytes)
        }
    }

    /// Checks that the header is this format's, for this configuration.
    func readHeader(_ reader: inout ByteReader, configBytes: [UInt8]?) throws(ByteReader.Corrupt) {
        for byte in Self.magic {
            guard !reader.atEnd, try reader.readByte() == byte else { throw ByteReader.Corrupt() }
        }
        guard try reader.readInt() == Self.formatVersion else { throw ByteReader.Corrupt() }
        reader.beginSection()
        var stored: [UInt8]?
        if try reader.readBool() {
            let count = try reader.readCount()
            stored = try reader.readBytes(count)
        }
        guard stored == configBytes else { throw ByteReader.Corrupt() }
    }

    /// The files' fingerprint and the graph's build number.
    func writeStamp(_ writer: inout ByteWriter, fingerprint: FolderFingerprint, build: UInt64) {
        let words = fingerprint.words
        writer.write(words.files)
        writer.write(Int(bitPattern: UInt(words.first)))
        writer.write(Int(bitPattern: UInt(words.second)))
        writer.write(Int(bitPattern: UInt(build)))
    }

    func readStamp(_ reader: inout ByteReader) throws(ByteReader.Corrupt) -> (FolderFingerprint, UInt64) {
        let files = try reader.readCount(max: Int.max)
        let first = UInt64(UInt(bitPattern: try reader.readInt())), second = UInt64(UInt(bitPattern: try reader.readInt()))
        return (FolderFingerprint(files: files, first: first, second: second), UInt64(UInt(bitPattern: try reader.readInt())))
    }

    func map(_ url: URL) -> ByteBuffer? {
        MappedFile.map(url.path)
    }
}

/// A file whose stamp could not vouch for its content when the index was written: modified
/// within the timestamp's resolution of the walk, or not readable then. The checksum is of the
/// bytes the graph was built from (nil: it could not be read).
struct RacyFile: Sendable {
    var path: String
    var checksum: UInt64?
}
