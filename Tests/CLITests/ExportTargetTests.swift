import Foundation
import Testing

/// A folder outside every corpus for one test's exports, removed after it.
private func scratch() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// The file type of `path` itself (not of what a link points at), or nil when nothing is there.
private func fileType(_ path: String) -> mode_t? {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
}

/// What `export` writes as a regular file, for comparing with what reached a device or a pipe.
private func exported(_ corpus: URL, format: String) throws -> String {
    let folder = try scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("graph.\(format)")
    let run = try Run(["export", "--corpus", corpus.path, "--format", format, "--output", file.path])
    #expect(run.status == 0, "\(run.stderr)")
    return try String(contentsOf: file, encoding: .utf8)
}

/// Where an export goes when its target exists and is not a regular file: devices and FIFOs are
/// written as they stand, links are followed, anything else is refused; `-` is standard output;
/// nothing inside the corpus folder is written without `--force`.
@Suite(.serialized) struct ExportTargetTests {
    @Test func aFIFOIsWrittenInPlaceNotReplaced() throws {
        let corpus = try glossary(), out = try scratch()
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: out) }
        let fifo = out.appendingPathComponent("graph.dot").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Open for reading and writing: the export's open for writing finds a reader and does not
        // wait, and the small DOT file fits in the pipe's buffer.
        let reader = open(fifo, O_RDWR | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let run = try Run(["export", "--corpus", corpus.path, "--format", "dot", "--output", fifo])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote \(fifo) (6 nodes, 5 edges)\n")
        #expect(fileType(fifo) == S_IFIFO)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(reader, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[..<n]
        }
        #expect(String(decoding: received, as: UTF8.self) == (try exported(corpus, format: "dot")))
    }

    @Test(.enabled(if: geteuid() == 0, "making device nodes needs root"))
    func deviceNodesAreWrittenInPlaceNotReplaced() throws {
        let corpus = try glossary(), out = try scratch()
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: out) }
        // Copies of /dev/null (1, 3) and /dev/full (1, 7): the real ones are never put at risk.
        let null = out.appendingPathComponent("null").path, full = out.appendingPathComponent("full").path
        #expect(mknod(null, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
        #expect(mknod(full, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0)
        let toNull = try Run(["export", "--corpus", corpus.path, "--format", "graphml", "--output", null])
        #expect(toNull.status == 0, "\(toNull.stderr)")
        #expect(toNull.stdout == "wrote \(null) (6 nodes, 5 edges)\n")
        #expect(fileType(null) == S_IFCHR)
        let toFull = try Run(["export", "--corpus", corpus.path, "--format", "dot", "--output", full])
        #expect(toFull.status == 2)
        #expect(toFull.stderr == "error: cannot write \(full): No space left on device\n")
        #expect(fileType(full) == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["full", "null"])
    }

    @Test func aLinkIsFollowedAndWhatItPointsAtIsReplacedInItsOwnFolder() throws {
        let corpus = try glossary(), out = try scratch(), elsewhere = try scratch()
        defer {
            for folder in [corpus, out, elsewhere] { try? FileManager.default.removeItem(at: folder) }
        }
        let real = elsewhere.appendingPathComponent("kept.graphml")
        try Data("old".utf8).write(to: real)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("graph.graphml").path, withDestinationPath: real.path)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("graph.dot").path, withDestinationPath: "/dev/null")
        let run = try Run(["export", "--corpus", corpus.path, "--out-dir", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        // The lines name the targets as given, not where the links lead.
        #expect(run.stdout == ["graph.graphml", "graph.dot", "graph.json", "graph.gexf", "neo4j/", "graph.ttl"]
            .map { "wrote \(out.path)/\($0) (6 nodes, 5 edges)\n" }.joined())
        #expect(fileType(out.appendingPathComponent("graph.graphml").path) == S_IFLNK)
        #expect(fileType(out.appendingPathComponent("graph.dot").path) == S_IFLNK)
        #expect(fileType("/dev/null") == S_IFCHR)
        #expect(try String(contentsOf: real, encoding: .utf8) == (try exported(corpus, format: "graphml")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["kept.graphml"])
    }

    @Test func foldersSocketsAndLinksToNothingAreRefused() throws {
        let corpus = try glossary(), out = try scratch()
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: out) }
        let folder = out.appendingPathComponent("folder.dot").path
        try FileManager.default.createDirectory(atPath: folder + "/inside", withIntermediateDirectories: true)
        let socketPath = out.appendingPathComponent("socket.dot").path
        let listener = try bindUnixSocket(socketPath)
        defer { close(listener) }
        let dangling = out.appendingPathComponent("dangling.dot").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: out.appendingPathComponent("nowhere/x.dot").path)
        for (path, kind) in [(folder, "a folder"), (socketPath, "a socket"), (dangling, "a symbolic link to nothing")] {
            let run = try Run(["export", "--corpus", corpus.path, "--output", path])
            #expect(run.status == 2, "\(path)")
            #expect(run.stdout == "")
            #expect(run.stderr == "error: cannot write \(path): it is \(kind), not a file; nothing was written\n")
        }
        #expect(fileType(folder) == S_IFDIR)
        #expect(fileType(socketPath) == S_IFSOCK)
        #expect(fileType(dangling) == S_IFLNK)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("nowhere").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["dangling.dot", "folder.dot", "socket.dot"])
    }

    @Test func devStdoutRedirectedToAFileAppendsToIt() throws {
        let corpus = try glossary(), out = try scratch()
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: out) }
        // `termgraph export --output /dev/stdout >> log`: what the log held stays. A link of
        // the test's own stands in for /dev/stdout, which a regression would replace.
        let stdoutLink = out.appendingPathComponent("stdout").path
        try FileManager.default.createSymbolicLink(atPath: stdoutLink, withDestinationPath: "/proc/self/fd/1")
        let log = out.appendingPathComponent("log")
        try Data("earlier\n".utf8).write(to: log)
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        let process = Process()
        process.executableURL = Run.binary
        process.arguments = ["export", "--corpus", corpus.path, "--format", "dot", "--output", stdoutLink, "--json"]
        process.standardOutput = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOf: log, encoding: .utf8) == "earlier\n" + (try exported(corpus, format: "dot")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["log", "stdout"])
        #expect(fileType(stdoutLink) == S_IFLNK)
    }

    @Test func dashIsStandardOutputForOneFormat() throws {
        let corpus = try glossary(), out = try scratch()
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: out) }
        for format in ["graphml", "graphml-yed", "dot", "json", "gexf", "skos"] {
            let run = try Run(["export", "--corpus", corpus.path, "--format", format, "--output", "-"], in: out)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == (try exported(corpus, format: format)))
            #expect(run.stderr == "")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == [])
        for arguments in [["--output", "-"], ["--output", "-", "--format", "all"]] {
            let run = try Run(["export", "--corpus", corpus.path] + arguments, in: out)
            #expect(run.status == 2)
            #expect(run.stdout == "")
            #expect(run.stderr.contains("--output - writes one format to standard output"), "\(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == [])
    }

    @Test func targetsInsideTheCorpusNeedForce() throws {
        let corpus = try glossary(), out = try scratch()
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: out) }
        let article = corpus.appendingPathComponent("lonely.md")
        let before = try String(contentsOf: article, encoding: .utf8)
        let overArticle = try Run(["export", "--corpus", corpus.path, "--format", "dot", "--output", article.path])
        #expect(overArticle.status == 2)
        #expect(overArticle.stderr == "error: \(article.path) is inside the corpus folder \(corpus.path); add --force to write it there\n")
        #expect(try String(contentsOf: article, encoding: .utf8) == before)

        // Into the corpus folder itself, and into it through a link to it: real paths are compared.
        let link = out.appendingPathComponent("link-to-corpus")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: corpus.path)
        for folder in [corpus.path, link.path + "/new/deeper"] {
            let run = try Run(["export", "--corpus", corpus.path, "--out-dir", folder])
            #expect(run.status == 2, "\(folder)")
            #expect(run.stderr.hasPrefix("error: \(folder)/graph.graphml is inside the corpus folder \(corpus.path); add --force"), "\(run.stderr)")
            #expect(run.stdout == "")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
            == ["backoffice.md", "frontoffice.md", "lonely.md", "middleoffice.md", "settlement.md", "termgraph.yml"])

        // A link in the export folder that leads into the corpus is refused too.
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("graph.dot").path, withDestinationPath: article.path)
        let throughLink = try Run(["export", "--corpus", corpus.path, "--format", "dot", "--out-dir", out.path])
        #expect(throughLink.status == 2)
        #expect(try String(contentsOf: article, encoding: .utf8) == before)

        let expected = try exported(corpus, format: "dot")
        let forced = try Run(["export", "--corpus", corpus.path, "--format", "dot", "--output", article.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOf: article, encoding: .utf8) == expected)
    }
}

/// A Unix socket listening at `path` (the descriptor, for closing).
private func bindUnixSocket(_ path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { room in
        for (i, byte) in path.utf8.prefix(room.count - 1).enumerated() { room[i] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard fd >= 0, bound == 0 else { throw POSIXError(.EADDRINUSE) }
    return fd
}
