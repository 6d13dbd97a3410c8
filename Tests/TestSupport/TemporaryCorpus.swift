import Foundation
import TermgraphKit

/// A corpus folder written for one test and removed after it.
public struct TemporaryCorpus {
    public let url: URL

    public init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("termgraph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    /// Writes (or overwrites) one file of the corpus, creating its folders.
    public func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    public func build() throws -> CorpusGraph {
        CorpusGraph(try CorpusReader().read(url))
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
