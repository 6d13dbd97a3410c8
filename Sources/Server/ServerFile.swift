import Foundation
import TermgraphStorage

/// `server.json` in the corpus's index folder: where a running server for that corpus listens,
/// so that a command line on the same corpus can ask it instead of loading the graph itself.
/// The index folder is the user's own (under `$XDG_CACHE_HOME`), so no one else can point a
/// command line at another server.
public struct ServerFile: Codable, Sendable, Equatable {
    public let host: String
    public let port: Int
    public let pid: Int32
    /// The corpus folder's real path.
    public let root: String

    static let name = "server.json"

    public static func url(in indexFolder: URL) -> URL { indexFolder.appendingPathComponent(name) }

    /// The server file of `indexFolder`, when one is there and its process still runs.
    public static func running(in indexFolder: URL) -> ServerFile? {
        guard let bytes = try? FileReader(limit: 4096).read(url(in: indexFolder).path),
              let file = try? JSONDecoder().decode(ServerFile.self, from: Data(bytes)),
              file.pid > 0, kill(file.pid, 0) == 0 || errno == EPERM else { return nil }
        return file
    }

    func write(in indexFolder: URL) throws {
        try FileManager.default.createDirectory(at: indexFolder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write([UInt8](try encoder.encode(self)), to: Self.url(in: indexFolder))
    }

    /// Removes the file if it is still this server's.
    func remove(in indexFolder: URL) {
        if Self.running(in: indexFolder) == self { unlink(Self.url(in: indexFolder).path) }
    }
}
