import Foundation
import Hummingbird
import Logging
import NIOCore
import TermgraphKit

/// `termgraph serve`: the corpus held in memory and kept fresh, answered over HTTP (§4a).
///
/// ```swift
/// try await TermgraphServer(settings: .init(root: URL(fileURLWithPath: "corpus"))).run()
/// ```
public struct TermgraphServer: Sendable {
    public struct Settings: Sendable {
        public var root: URL
        /// Loopback unless asked otherwise: the graph is the user's, not the network's.
        public var host = "127.0.0.1"
        /// 0 lets the system choose; the port taken is printed on stderr.
        public var port = 8080
        public var cacheFolder: URL?
        public var useIndex = true

        public init(root: URL, host: String = "127.0.0.1", port: Int = 8080, cacheFolder: URL? = nil, useIndex: Bool = true) {
            self.root = root
            self.host = host
            self.port = port
            self.cacheFolder = cacheFolder
            self.useIndex = useIndex
        }
    }

    /// Past this the request line is refused with 414 and the headers with 431.
    static let largestHead = 8 * 1024

    public let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    /// Loads the corpus, starts watching it, and answers until SIGINT or SIGTERM.
    public func run() async throws {
        let corpus = LiveCorpus(root: settings.root, cacheFolder: settings.cacheFolder, useIndex: settings.useIndex)
        if let failure = corpus.snapshot.failure { FileHandle.standardError.write(Data("termgraph serve: \(failure.message)\n".utf8)) }
        let watcher = CorpusWatcher(root: settings.root) { corpus.noteChange() }
        watcher.start()
        corpus.startRebuilding(changedFolders: watcher.takeChangedFolders)
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let responder = Responder(corpus: corpus, watcher: watcher, folder: folder)
        let indexFolder = settings.useIndex ? settings.cacheFolder ?? CorpusIndex.defaultFolder(for: settings.root) : nil
        let root = settings.root.resolvingSymlinksInPath().standardizedFileURL.path
        let host = settings.host
        let written = ServerFileHolder()
        let app = Application(
            responder: CallbackResponder { (request: Request, _: BasicRequestContext) in responder.respond(to: request) },
            server: .http1(configuration: .init(httpDecoderConfiguration: .init(maxHeaderFieldSize: 64 * 1024, maxHeaderListSize: 64 * 1024,
                                                                                maxHeaderFieldCount: 100))),
            configuration: .init(address: .hostname(host, port: settings.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                FileHandle.standardError.write(Data("termgraph serve: \(root) on http://\(host):\(port)/\n".utf8))
                if let indexFolder {
                    let file = ServerFile(host: host, port: port, pid: getpid(), root: root)
                    if (try? file.write(in: indexFolder)) != nil { written.file = (file, indexFolder) }
                }
            },
            logger: Logger(label: "termgraph", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        defer { if let (file, folder) = written.file { file.remove(in: folder) } }
        try await app.runService()
    }
}

/// The server file once it is written, to remove when the server stops.
private final class ServerFileHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (ServerFile, URL)?
    var file: (ServerFile, URL)? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
