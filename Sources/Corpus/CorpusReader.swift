import Foundation
import TermgraphCore
import TermgraphStorage

/// Everything read from a corpus folder: its configuration, its articles in path order, and the
/// problems met on the way. A bad file is a problem, never a reason to stop.
public struct Corpus: Sendable {
    public var root: URL
    public var config: CorpusConfig
    public var articles: [Article]
    /// The files the walk found that hold no article, in path order: in a vault, every file
    /// that is not a note (images, PDFs, canvases), which links reach as attachments.
    public var otherFiles: [String] = []
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
    /// Globs excluded on top of the configuration's (`--exclude`).
    public var exclude: [String]

    public init(exclude: [String] = [], progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) {
        self.exclude = exclude
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

    /// Reads every article of the corpus at `root`.
    public func read(_ root: URL) throws(Failure) -> Corpus {
        extract(scan(root, configuration: try readConfiguration(root)), reusing: { _, _ in nil }).corpus
    }

    /// The formats a corpus with this configuration is read in; a file goes to the first whose
    /// extensions name it.
    /// In a vault only Markdown notes are articles (§1a): an `.html` page there is a file like an
    /// image, an attachment when linked.
    package static func formats(for config: CorpusConfig) -> [any ArticleFormat] {
        config.links == .names ? [MarkdownFormat(config: config)]
            : [MarkdownFormat(config: config), HTMLFormat(config: config), MediaWikiFormat(config: config)]
    }

    /// The walk over the corpus's article files, by the formats' file names. A vault's walk takes
    /// every file (the empty ending): its links can reach images and PDFs as attachments, and a
    /// new attachment changes what a link reaches, so the fingerprint must see it.
    package static func walker(root: URL, config: CorpusConfig) -> FolderWalker {
        let exclude = config.exclude
        var excluded: FolderWalker.Exclusion?
        if !exclude.isEmpty { excluded = { path, folder in exclude.excludes(path, folder: folder) } }
        return FolderWalker(root: root.path, extensions: config.links == .names ? [""] : formats(for: config).flatMap(\.extensions),
                            excluded: excluded)
    }

    /// The corpus's `termgraph.yml`: what it says, what identifies it to the on-disk index (the
    /// file's bytes, nil when there is none, and the link mode when vault markers chose it), its
    /// problems.
    package typealias Configuration = (config: CorpusConfig, bytes: [UInt8]?, problems: [Problem])

    /// What one look at the folder finds, before any article is read.
    package struct Scan: Sendable {
        package var root: URL
        package var config: CorpusConfig
        package var configBytes: [UInt8]?
        package var files: [FoundFile]
        /// Problems of the configuration and of the walk, which come first in every corpus.
        package var problems: [Problem]
        /// The start of the second in which the walk began, in nanoseconds: a file modified or
        /// changed since then may change again within a timestamp's resolution without its stamp
        /// showing it (git's "racy" files), so its stamp alone never vouches for its content.
        package var racyFrom: Int
        /// The folders the walk entered, and whether it met anything it reported: what a later
        /// look that reads only some folders again (`rescan`) starts from.
        package var folders: [[UInt8]: UInt64]
        package var walkHadIssues: Bool
        package var walkMetLinks: Bool

        package func isRacy(_ stamp: FileStamp) -> Bool {
            stamp.modified >= racyFrom || stamp.changed >= racyFrom
        }
    }

    /// The article files of `root`, whose `termgraph.yml` has been read.
    package func scan(_ root: URL, configuration: Configuration) -> Scan {
        let racyFrom = Self.secondNow()
        return scan(root, configuration: configuration, listing: Self.walker(root: root, config: configuration.config).list(), racyFrom: racyFrom)
    }

    /// The scan `scan(_:configuration:)` would give now, when only the folders in `changed` (the
    /// bytes of paths relative to the root, none for the root) can have changed since `earlier`, made under the
    /// same configuration: those folders are read again, every other file is taken with the
    /// stamp `earlier` has for it (`FolderWalker.relist`). Nil when a whole walk is needed.
    package func rescan(_ earlier: Scan, configuration: Configuration, changed: Set<[UInt8]>) -> Scan? {
        guard !earlier.walkHadIssues, earlier.configBytes == configuration.bytes else { return nil }
        let racyFrom = Self.secondNow()
        let walker = Self.walker(root: earlier.root, config: configuration.config)
        guard let listing = walker.relist(FolderWalker.Listing(files: earlier.files, issues: [], folders: earlier.folders, holdsLinks: earlier.walkMetLinks), changed: changed) else { return nil }
        return scan(earlier.root, configuration: configuration, listing: listing, racyFrom: racyFrom)
    }

    /// The start of the current second, in nanoseconds.
    private static func secondNow() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int(now.tv_sec) &* 1_000_000_000
    }

    private func scan(_ root: URL, configuration: Configuration, listing: FolderWalker.Listing, racyFrom: Int) -> Scan {
        var (config, configBytes, problems) = configuration
        for issue in listing.issues {
            let message = switch issue.kind {
            case .folderUnreadable(let failure): "cannot open folder: \(String(cString: strerror(failure)))"
            case .danglingLink: "symbolic link points nowhere"
            case .linkLoop: "symbolic link leads round in a loop"
            case .notRegular: "not a regular file; skipped"
            case .unreadable(let failure): "cannot look at it: \(String(cString: strerror(failure)))"
            case .nameNotUTF8: "the name is not valid UTF-8, so no path can name it; rename it"
            }
            problems.append(Problem(file: issue.path, kind: .unreadable, message: message))
        }
        return Scan(root: root, config: config, configBytes: configBytes, files: listing.files, problems: problems,
                    racyFrom: racyFrom, folders: listing.folders, walkHadIssues: !listing.issues.isEmpty,
                    walkMetLinks: listing.holdsLinks)
    }

    /// The corpus's `termgraph.yml`: what it says, its bytes, and its problems. The bytes stand
    /// for everything the configuration depends on, so that an index made under another one is
    /// never taken for this one's: the link mode vault markers chose, `--exclude` globs and the
    /// redirects file are appended.
    package func readConfiguration(_ root: URL) throws(Failure) -> Configuration {
        var (config, bytes, problems) = try readConfigurationFile(root)
        for glob in exclude { config.exclude.add(glob) }
        if !exclude.isEmpty {
            bytes = (bytes ?? []) + Array("\u{0}exclude".utf8) + exclude.flatMap { [0] + Array($0.utf8) }
        }
        if let file = config.redirects {
            let redirects = Redirects.read(root: root, file: file)
            config.redirectRules = redirects.rules
            problems += redirects.problems
            bytes = (bytes ?? []) + Array("\u{0}redirects\u{0}".utf8) + redirects.bytes
        }
        return (config, bytes, problems)
    }

    private func readConfigurationFile(_ root: URL) throws(Failure) -> Configuration {
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
                let bytes = try FileReader(limit: 64 << 20).read(configURL.path)
                configBytes = bytes
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw Problem(file: CorpusConfig.fileName, line: 1, kind: .config, message: "file is not valid UTF-8")
                }
                config = try CorpusConfig.parse(text)
                problems += config.warnings
            } catch let problem as Problem {
                problems.append(problem)
            } catch {
                problems.append(Problem(file: CorpusConfig.fileName, kind: .unreadable, message: "\(error)"))
            }
        }
        if !config.linksDeclared, VaultMarkers.find(in: root) != nil {
            config.links = .names
            configBytes = (configBytes ?? []) + Array("\n# links: names, by the vault's markers\n".utf8)
        }
        return (config, configBytes, problems)
    }

    /// What extracting the files of a scan gave: the corpus, each file's record in scan order,
    /// the scan's files with the stamp each record belongs to, and for each racy file read (see
    /// `Scan.racyFrom`) the checksum of the bytes it was read as (nil when it could not be read),
    /// by which a later look can tell whether it changed.
    ///
    /// A file's stamp is the scan's unless the file was replaced between the walk and its read
    /// (a link turned to another file, a file renamed over it): then it is the stamp of what was
    /// read, so that the record and a graph built from it are never taken for the file the walk
    /// saw, should that come back.
    package typealias Extraction = (corpus: Corpus, records: [ExtractedFile], files: [FoundFile],
                                    racy: [(path: String, checksum: UInt64?)])

    /// Reads and parses, on every core, every file of the scan; `reusing` may give a file's
    /// extraction from an earlier read (its stamp unchanged) instead.
    package func extract(_ scan: Scan, reusing earlier: @Sendable (_ path: String, _ stamp: FileStamp) -> ExtractedFile?) -> Extraction {
        let formats = Self.formats(for: scan.config)
        let root = scan.root.path
        let files = scan.files
        let checksums = ParallelSlots<UInt64?>(count: files.count, initial: nil)
        let readStamps = ParallelSlots<FileStamp?>(count: files.count, initial: nil)
        let results = Parallel.map(Array(files.indices), progress: progress) { i -> ExtractedFile in
            let file = files[i]
            if let record = earlier(file.path, file.stamp) { return record }
            let lower = file.path.lowercased()
            guard let format = formats.first(where: { $0.extensions.contains(where: lower.hasSuffix) }) else { return .notAnArticle }
            if let streamed = format.streamedArticles(from: root + "/" + file.path, path: file.path) {
                if scan.isRacy(file.stamp) { checksums[i] = streamed.checksum }
                return ExtractedFile(streamed.articles, problems: streamed.problems)
            }
            let bytes: [UInt8]
            do {
                let read = try FileReader(limit: format.maximumFileBytes).readStamped(root + "/" + file.path)
                bytes = read.bytes
                if read.stamp != file.stamp { readStamps[i] = read.stamp }
                if scan.isRacy(read.stamp) { checksums[i] = bytes.withUnsafeBytes(Checksum.of) }
            } catch {
                return .problem(Problem(file: file.path, kind: .unreadable, message: "\(error)"))
            }
            do throws(Problem) {
                return ExtractedFile(try format.articles(in: bytes, path: file.path), problems: [])
            } catch {
                return .problem(error)
            }
        }
        var racy: [(path: String, checksum: UInt64?)] = []
        for (i, record) in results.enumerated() {
            if let checksum = checksums[i] {
                racy.append((files[i].path, checksum))
            } else if case .problem(let problem) = record, problem.kind == .unreadable {
                // A read that failed (too many open files, a folder briefly gone) may succeed next
                // time: the file counts as changed until it is read.
                racy.append((files[i].path, nil))
            }
        }
        var articles: [Article] = []
        var otherFiles: [String] = []
        var problems = scan.problems
        articles.reserveCapacity(results.count)
        for (file, result) in zip(files, results) {
            if case .notAnArticle = result { otherFiles.append(file.path) }
            // A dump is one file of many articles: its array is taken as it is, not copied.
            if articles.isEmpty { articles = result.articles } else { articles += result.articles }
            problems += result.problems
        }
        let stamped = files.indices.map { i in readStamps[i].map { FoundFile(path: files[i].path, stamp: $0) } ?? files[i] }
        return (Corpus(root: scan.root, config: scan.config, articles: articles, otherFiles: otherFiles, problems: problems), results, stamped, racy)
    }
}
