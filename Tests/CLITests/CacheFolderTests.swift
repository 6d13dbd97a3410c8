import Foundation
import Testing

/// `--cache-dir` may name a folder that is not termgraph's: the index replaces or removes only
/// files that carry its own magic, and writes nothing beside a file that does not.
@Suite(.serialized) struct CacheFolderTests {
    @Test func anUnrelatedGraphBinIsLeftAloneAndQueriesStillAnswer() throws {
        let corpus = try glossary()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cli-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: cache) }
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let precious = cache.appendingPathComponent("graph.bin")
        try Data("someone else's data".utf8).write(to: precious)

        let expected = try Run(["stats", "--corpus", corpus.path, "--json", "--no-cache"])
        for round in 1...2 {
            let run = try Run(["stats", "--corpus", corpus.path, "--json", "--cache-dir", cache.path])
            #expect(run.status == 0)
            #expect(run.stdout == expected.stdout, "round \(round)")
            #expect(run.stderr == "note: \(precious.path) is not a termgraph index file; the index is not written to \(cache.path)\n")
        }
        #expect(try String(contentsOf: precious, encoding: .utf8) == "someone else's data")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == ["graph.bin"])
    }

    @Test func aFolderNamedLikeAnIndexFileIsNeverRemoved() throws {
        let corpus = try glossary()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cli-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: cache) }
        // `links` reads the articles only, and used to clear the stored graph with a remove that
        // takes whole folders.
        let kept = cache.appendingPathComponent("graph.bin/notes.txt")
        try FileManager.default.createDirectory(at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: kept)
        let expected = try Run(["links", "--corpus", corpus.path, "--json", "--no-cache"])
        let run = try Run(["links", "--corpus", corpus.path, "--json", "--cache-dir", cache.path])
        #expect(run.status == 0)
        #expect(run.stdout == expected.stdout)
        #expect(try String(contentsOf: kept, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == ["graph.bin"])
    }

    @Test func anIndexFolderOfItsOwnIsStillWrittenAndReplaced() throws {
        let corpus = try glossary()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cli-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: cache) }
        #expect(try Run(["path", "--corpus", corpus.path, "المكتب الأمامي", "back office", "--cache-dir", cache.path]).stderr == "")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted() == ["articles.bin", "graph.bin", "terms.bin"])
        let graph = cache.appendingPathComponent("graph.bin")
        let before = try Data(contentsOf: graph)
        try Data("---\ntitle: Lonely no more\n---\n[x](/settlement)\n".utf8).write(to: corpus.appendingPathComponent("lonely.md"))
        let run = try Run(["stats", "--corpus", corpus.path, "--cache-dir", cache.path])
        #expect(run.status == 0 && run.stderr == "")
        #expect(try Data(contentsOf: graph) != before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted() == ["articles.bin", "graph.bin", "terms.bin"])
    }
}
