import Foundation
import Graph

/// Everything read from a corpus folder: its configuration, its articles in path order, and the
/// problems met on the way. A bad file is a problem, never a reason to stop.
public struct Corpus: Sendable {
    public var root: URL
    public var config: CorpusConfig
    public var articles: [Article]
    public var problems: [Problem]
}

/// Reads a corpus folder, extracting articles on every core.
///
/// ```swift
/// let corpus = try CorpusReader().read(URL(fileURLWithPath: "corpus"))
/// ```
public struct CorpusReader: Sendable {
    /// Called from worker threads as files are read: (files done, files to read).
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init(progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) {
        self.progress = progress
    }

    public enum Failure: Error, CustomStringConvertible {
        case notAFolder(String)

        public var description: String {
            switch self {
            case .notAFolder(let path): return "\(path): corpus folder not found or not readable"
            }
        }
    }

    /// Reads every article. With an index, files unchanged since the index was written are
    /// taken from it instead of being read and parsed again, and the index is brought up to date.
    public func read(_ root: URL, index: CorpusIndex? = nil) throws(Failure) -> Corpus {
        let scan = try scan(root)
        let cached = index?.load(expecting: scan.configBytes)
        let extracted = extract(scan, reusing: cached?.records ?? [:])
        if let index, cached?.recordsMatch(scan.files) != true {
            index.saveRecords(files: scan.files, records: extracted.records, configBytes: scan.configBytes)
            index.saveGraph(nil, files: scan.files, configBytes: scan.configBytes)
        }
        return extracted.corpus
    }

    /// The corpus's graph. With an index whose fingerprint matches the folder's, the graph is
    /// read from the index without opening a single article; otherwise only the changed files
    /// are read again, and the index is rewritten with the new graph.
    public func readGraph(_ root: URL, index: CorpusIndex? = nil) throws(Failure) -> CorpusGraph {
        let configuration = try readConfig(root)
        let cached = index?.load(expecting: configuration.bytes)
        if let stored = cached?.fingerprint, FolderFingerprint.walk(root.path) == stored,
           let graph = cached?.graph(config: configuration.config, scanProblems: configuration.problems) {
            return graph
        }
        let scan = try scan(root, configuration: configuration)
        let extracted = extract(scan, reusing: cached?.records ?? [:])
        var graph = CorpusGraph(extracted.corpus)
        guard let index else { return graph }
        // The two index files are written side by side.
        let built = graph
        graph.termStore = Parallel.map([true, false], chunk: 1) { isGraph -> CorpusIndex.TermStore? in
            guard isGraph else {
                index.saveRecords(files: scan.files, records: extracted.records, configBytes: scan.configBytes)
                return nil
            }
            return index.saveGraph((built, scan.problems.count), files: scan.files, configBytes: scan.configBytes)
        }[0]
        return graph
    }

    /// The corpus's `termgraph.yml`: what it says, its bytes (nil when there is none), its problems.
    typealias Configuration = (config: CorpusConfig, bytes: [UInt8]?, problems: [Problem])

    /// What one look at the folder finds, before any article is read.
    struct Scan {
        var root: URL
        var config: CorpusConfig
        var configBytes: [UInt8]?
        var files: [CorpusFile]
        /// Problems of the configuration and of the walk, which come first in every corpus.
        var problems: [Problem]
    }

    /// The scan of `root`, whose `termgraph.yml` may already have been read.
    func scan(_ root: URL, configuration: Configuration? = nil) throws(Failure) -> Scan {
        var (config, configBytes, problems) = if let configuration { configuration } else { try readConfig(root) }
        let files = Self.articleFiles(in: root.path, problems: &problems)
        return Scan(root: root, config: config, configBytes: configBytes, files: files, problems: problems)
    }

    /// The corpus's `termgraph.yml`: what it says, its bytes, and its problems.
    func readConfig(_ root: URL) throws(Failure) -> Configuration {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue,
              opendir(root.path).map({ closedir($0); return true }) ?? false else {
            throw .notAFolder(root.path)
        }
        var problems: [Problem] = []
        var config = CorpusConfig()
        var configBytes: [UInt8]?
        let configURL = root.appendingPathComponent(CorpusConfig.fileName)
        if FileManager.default.fileExists(atPath: configURL.path) {
            do {
                let bytes = try Self.readFile(configURL.path)
                configBytes = bytes
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw Problem(file: CorpusConfig.fileName, line: 1, kind: .config, message: "file is not valid UTF-8")
                }
                config = try CorpusConfig.parse(text)
            } catch let problem as Problem {
                problems.append(problem)
            } catch {
                problems.append(Problem(file: CorpusConfig.fileName, kind: .unreadable, message: "\(error)"))
            }
        }
        return (config, configBytes, problems)
    }

    /// Reads and parses, on every core, the files whose stamp differs from their record's.
    func extract(_ scan: Scan, reusing records: [String: (FileStamp, ExtractedFile)]) -> (corpus: Corpus, records: [ExtractedFile]) {
        let reader = ArticleReader(categoryKey: scan.config.categoryKey)
        let root = scan.root.path
        let results = Parallel.map(scan.files, progress: progress) { file -> ExtractedFile in
            if let (stamp, record) = records[file.path], stamp == file.stamp { return record }
            let bytes: [UInt8]
            do {
                bytes = try Self.readFile(root + "/" + file.path)
            } catch {
                return .problem(Problem(file: file.path, kind: .unreadable, message: "\(error)"))
            }
            // A .txt file is an article only when it opens with front matter.
            if file.path.lowercased().hasSuffix(".txt") && !Self.opensFrontMatter(bytes) { return .notAnArticle }
            do throws(Problem) {
                return .article(try reader.read(bytes, path: file.path))
            } catch {
                return .problem(error)
            }
        }
        var articles: [Article] = []
        var problems = scan.problems
        articles.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .notAnArticle: continue
            case .article(let article): articles.append(article)
            case .problem(let problem): problems.append(problem)
            }
        }
        return (Corpus(root: scan.root, config: scan.config, articles: articles, problems: problems), results)
    }

    /// Article files below `root`, relative, in byte order of their path, each with the stamp
    /// that tells whether it changed. Hidden entries are skipped and folder links are not
    /// followed, so a link cycle cannot trap the walk.
    static func articleFiles(in root: String, problems: inout [Problem]) -> [CorpusFile] {
        var files: [CorpusFile] = []
        var folders: [String] = [""]
        while let folder = folders.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard let dir = opendir(absolute) else {
                problems.append(Problem(file: folder.isEmpty ? "." : folder, kind: .unreadable, message: "cannot open folder: \(String(cString: strerror(errno)))"))
                continue
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let relative = folder.isEmpty ? name : folder + "/" + name
                var info = stat()
                guard lstat(absolute + "/" + name, &info) == 0 else { continue }
                let type = info.st_mode & S_IFMT
                if type == S_IFDIR {
                    folders.append(relative)
                } else if isArticleName(name) {
                    if type == S_IFLNK {
                        var target = stat()
                        if stat(absolute + "/" + name, &target) != 0 {
                            problems.append(Problem(file: relative, kind: .unreadable, message: "symbolic link points nowhere"))
                            continue
                        }
                        guard target.st_mode & S_IFMT == S_IFREG else { continue }
                        info = target
                    } else if type != S_IFREG {
                        // Never opened: reading a FIFO would block, a device could be endless.
                        problems.append(Problem(file: relative, kind: .unreadable, message: "not a regular file; skipped"))
                        continue
                    }
                    files.append(CorpusFile(path: relative, stamp: FileStamp(info)))
                }
            }
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return files
    }

    static func opensFrontMatter(_ bytes: [UInt8]) -> Bool {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        return body.starts(with: "---\n".utf8) || body.starts(with: "---\r\n".utf8)
    }

    static func isArticleName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || lower.hasSuffix(".txt")
    }

    /// Articles above this size are reported and skipped rather than read into memory.
    static let maximumFileBytes = 64 << 20

    /// The whole file, read with plain system calls.
    static func readFile(_ path: String, limit: Int = maximumFileBytes) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadError(message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadError(message: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw ReadError(message: "not a regular file") }
        guard info.st_size <= limit else {
            throw ReadError(message: "file is larger than \(maximumFileBytes >> 20) MiB; an article that size is not text a person wrote")
        }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file grew while being read: keep reading, within the same bound.
                guard bytes.count < limit else { throw ReadError(message: "file kept growing past \(maximumFileBytes >> 20) MiB") }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(message: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    struct ReadError: Error, CustomStringConvertible {
        let message: String
        var description: String { "cannot read file: \(message)" }
    }
}
