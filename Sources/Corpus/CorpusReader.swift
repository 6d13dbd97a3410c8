import Dispatch
import Foundation

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
    public init() {}

    public enum Failure: Error, CustomStringConvertible {
        case notAFolder(String)

        public var description: String {
            switch self {
            case .notAFolder(let path): return "\(path): corpus folder not found or not readable"
            }
        }
    }

    public func read(_ root: URL) throws(Failure) -> Corpus {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue,
              opendir(root.path).map({ closedir($0); return true }) ?? false else {
            throw .notAFolder(root.path)
        }
        var problems: [Problem] = []
        var config = CorpusConfig()
        let configURL = root.appendingPathComponent(CorpusConfig.fileName)
        if FileManager.default.fileExists(atPath: configURL.path) {
            do {
                let bytes = try Self.readFile(configURL.path)
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

        let files = Self.articleFiles(in: root.path, problems: &problems)
        let reader = ArticleReader(categoryKey: config.categoryKey)
        let results = Self.parallelMap(files) { relative -> Result<Article, Problem>? in
            let bytes: [UInt8]
            do {
                bytes = try Self.readFile(root.path + "/" + relative)
            } catch {
                return .failure(Problem(file: relative, kind: .unreadable, message: "\(error)"))
            }
            // A .txt file is an article only when it opens with front matter.
            if relative.lowercased().hasSuffix(".txt") && !Self.opensFrontMatter(bytes) { return nil }
            return Result { () throws(Problem) in try reader.read(bytes, path: relative) }
        }
        var articles: [Article] = []
        articles.reserveCapacity(results.count)
        for result in results {
            switch result {
            case nil: continue
            case .some(.success(let article)): articles.append(article)
            case .some(.failure(let problem)): problems.append(problem)
            }
        }
        return Corpus(root: root, config: config, articles: articles, problems: problems)
    }

    /// Article files below `root`, relative, in byte order of their path. Hidden entries are
    /// skipped and folder links are not followed, so a link cycle cannot trap the walk.
    static func articleFiles(in root: String, problems: inout [Problem]) -> [String] {
        var files: [String] = []
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
                    } else if type != S_IFREG {
                        // Never opened: reading a FIFO would block, a device could be endless.
                        problems.append(Problem(file: relative, kind: .unreadable, message: "not a regular file; skipped"))
                        continue
                    }
                    files.append(relative)
                }
            }
        }
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadError(message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadError(message: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw ReadError(message: "not a regular file") }
        guard info.st_size <= maximumFileBytes else {
            throw ReadError(message: "file is larger than \(maximumFileBytes >> 20) MiB; an article that size is not text a person wrote")
        }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file grew while being read: keep reading, within the same bound.
                guard bytes.count < maximumFileBytes else { throw ReadError(message: "file kept growing past \(maximumFileBytes >> 20) MiB") }
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

    /// `transform` over `items` on every core, results in input order.
    static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = UnsafeSendable(results)
        let chunk = 64
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(items.count, (c + 1) * chunk) {
                box.value[i] = transform(items[i])
            }
        }
        return results.map { $0! }
    }
}

/// A buffer written by disjoint indices from several threads.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
