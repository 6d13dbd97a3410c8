import Foundation

/// Which folder is the corpus when none is named (§1): the nearest folder, from the current one
/// upwards, that holds a `termgraph.yml`, `.obsidian/` or `.foam/`; else `corpus/` in the current
/// folder; else the current folder itself.
///
/// ```swift
/// DefaultCorpus.find(from: URL(fileURLWithPath: "notes/daily"))   // notes/, if it holds .obsidian/
/// ```
public struct DefaultCorpus: Sendable, Equatable {
    /// The corpus folder.
    public let folder: URL
    /// Why it was taken, for messages: "has termgraph.yml", "the corpus/ folder here", …
    public let reason: String
    /// Whether nothing marked it as a corpus (it is the current folder, the last resort).
    public let isFallback: Bool

    /// What marks a folder as a corpus root, in the order they are named in messages.
    public static let markers = [CorpusConfig.fileName, ".obsidian/", ".foam/"]

    public static func find(from start: URL) -> DefaultCorpus {
        var folder = start.standardizedFileURL
        while true {
            for marker in markers where exists(folder.appendingPathComponent(marker), folder: marker.hasSuffix("/")) {
                return DefaultCorpus(folder: folder, reason: "it holds \(marker)", isFallback: false)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        let here = start.standardizedFileURL
        let corpus = here.appendingPathComponent("corpus")
        if exists(corpus, folder: true) {
            return DefaultCorpus(folder: corpus, reason: "the corpus/ folder here", isFallback: false)
        }
        return DefaultCorpus(folder: here, reason: "the current folder", isFallback: true)
    }

    /// What was looked for, for a message when the fallback holds no articles.
    public static var searched: String {
        "no \(markers.joined(separator: ", ")) here or in a folder above, and no corpus/ folder here"
    }

    private static func exists(_ url: URL, folder: Bool) -> Bool {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return false }
        return folder ? status.st_mode & S_IFMT == S_IFDIR : status.st_mode & S_IFMT == S_IFREG
    }
}
