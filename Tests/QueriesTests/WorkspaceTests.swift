import Foundation
import TermgraphKit
import Testing
import TestSupport

@Suite struct WorkspaceTests {
    private let files = [
        "termgraph.yml": "categories:\n  a: hub\n",
        "hub.md": "---\ntitle: Hub\noffice: a\n---\n[to x](/x) [to y](/y)\n",
        "x.md": "---\ntitle: Ex\n---\n[y](/y) [missing](/missing)\n",
        "y.md": "---\ntitle: Why\n---\n[back to the hub](/hub)\n",
    ]

    /// Writes `file` with one byte flipped, for every `step`th byte, and calls `body` with the
    /// byte's position and the file's size; leaves the last flip in place.
    private func flippingEachByte(of file: URL, every step: Int, _ body: (Int, Int) throws -> Void) throws {
        let good = try Data(contentsOf: file)
        for position in stride(from: 0, to: good.count, by: step) {
            var damaged = good
            damaged[position] ^= 0x10
            try damaged.write(to: file)
            try body(position, good.count)
        }
    }

    private func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Whatever byte of graph.bin is flipped, every answer is the one a fresh read gives: a flip
    /// in what is checked on opening makes the index be rebuilt; a flip in a node record or an
    /// anchor list, read only when a query touches it, makes the query be asked again on a
    /// rebuilt index, and the workspace says so.
    @Test func aFlippedByteAnywhereInTheGraphNeverChangesAnAnswer() throws {
        let corpus = try TemporaryCorpus(files)
        defer { corpus.remove() }
        let cache = corpus.url.appendingPathExtension("index")
        defer { try? FileManager.default.removeItem(at: cache) }
        let fresh = Workspace(root: corpus.url, useIndex: false)
        let expected = try [json(PathQuery(from: "Why", to: "missing").run(in: fresh)),
                            json(NeighborsQuery(term: "hub", depth: 2).run(in: fresh)),
                            json(StatsQuery().run(in: fresh))]
        _ = try Workspace(root: corpus.url, cacheFolder: cache).graph()
        var rebuiltWithNotice = 0
        try flippingEachByte(of: cache.appendingPathComponent("graph.bin"), every: 7) { position, count in
            let workspace = Workspace(root: corpus.url, cacheFolder: cache)
            let answers = try [json(PathQuery(from: "Why", to: "missing").run(in: workspace)),
                               json(NeighborsQuery(term: "hub", depth: 2).run(in: workspace)),
                               json(StatsQuery().run(in: workspace))]
            #expect(answers == expected, "byte \(position) of \(count) flipped")
            if !workspace.notices.isEmpty { rebuiltWithNotice += 1 }
        }
        #expect(rebuiltWithNotice > 0, "some flips land in records read on demand")
    }

    /// Term tables made from a graph whose records turned out damaged would be stored under
    /// that graph's build, and every later query that read the same graph.bin (an in-place
    /// rewrite that puts the old bytes back, say) would trust them: they are never stored.
    @Test func termTablesMadeFromADamagedGraphAreNeverStored() throws {
        let corpus = try TemporaryCorpus(files)
        defer { corpus.remove() }
        let cache = corpus.url.appendingPathExtension("index")
        defer { try? FileManager.default.removeItem(at: cache) }
        _ = try Workspace(root: corpus.url, cacheFolder: cache).graph()
        let termsFile = cache.appendingPathComponent("terms.bin")
        var damagedGraphs = 0
        try flippingEachByte(of: cache.appendingPathComponent("graph.bin"), every: 5) { position, count in
            try? FileManager.default.removeItem(at: termsFile)
            let workspace = Workspace(root: corpus.url, cacheFolder: cache)
            _ = try workspace.terms()
            if try workspace.graph().graph.isDamaged {
                damagedGraphs += 1
                #expect(!FileManager.default.fileExists(atPath: termsFile.path), "byte \(position) of \(count) flipped")
            }
        }
        #expect(damagedGraphs > 0, "some flips land in node records, which the tables read")
    }

    /// §4: `path` always carries `length`, null when there is no path.
    @Test func noPathIsANullLength() throws {
        let corpus = try TemporaryCorpus(files)
        defer { corpus.remove() }
        let answer = try PathQuery(from: "hub", to: "missing").run(in: Workspace(root: corpus.url, useIndex: false))
        #expect(answer.length == 2)
        let none = try PathQuery(from: "missing", to: "hub").run(in: Workspace(root: corpus.url, useIndex: false))
        #expect(try json(none) == #"{"from":"missing","length":null,"paths":[],"to":"hub"}"#)
    }

    @Test func unknownTermsAndCategoriesAreValuesWithSuggestions() throws {
        let corpus = try TemporaryCorpus(files)
        defer { corpus.remove() }
        let workspace = Workspace(root: corpus.url, useIndex: false)
        #expect(throws: QueryError.unknownCategory("b", known: ["a"])) {
            try PathQuery(.categories("a", "b")).run(in: workspace)
        }
        #expect {
            try NeighborsQuery(term: "Hubb").run(in: workspace)
        } throws: { error in
            guard case let .unknownTerm(term, suggestions) = error as? QueryError else { return false }
            return term == "Hubb" && suggestions.map(\.slug) == ["hub"]
        }
    }
}
