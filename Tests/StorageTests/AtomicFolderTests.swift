import Foundation
import TermgraphStorage
import Testing

/// A set of files (Neo4j's) is written as one folder: the old set or the complete new one.
@Suite struct AtomicFolderTests {
    private let files = ["nodes.csv", "links.csv", "import.cypher"]

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("set-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ tag: String, to url: URL, failingAt failing: Int? = nil) throws {
        try AtomicFolder.write(to: url, files: files) { i, fd in
            if i == failing { return EIO }
            return Array("\(tag) \(files[i])".utf8).withUnsafeBytes { AtomicFile.writeAll($0, to: fd) }
        }
    }

    private func contents(_ url: URL) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try FileManager.default.contentsOfDirectory(atPath: url.path).map {
            ($0, try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8))
        })
    }

    @Test func aNewSetReplacesTheOldOneWhole() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = root.appendingPathComponent("neo4j")
        try write("old", to: set)
        try write("new", to: set)
        #expect(try contents(set) == ["nodes.csv": "new nodes.csv", "links.csv": "new links.csv", "import.cypher": "new import.cypher"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["neo4j"])
    }

    @Test func aFailureHalfwayLeavesTheOldSetAndNoTemporary() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = root.appendingPathComponent("neo4j")
        try write("old", to: set)
        #expect(throws: WriteError.self) { try write("new", to: set, failingAt: 1) }
        #expect(try contents(set) == ["nodes.csv": "old nodes.csv", "links.csv": "old links.csv", "import.cypher": "old import.cypher"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["neo4j"])
        // With no old set, a failure leaves none.
        let fresh = root.appendingPathComponent("fresh")
        #expect(throws: WriteError.self) { try write("new", to: fresh, failingAt: 2) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["neo4j"])
    }

    @Test func aFolderHoldingOtherFilesIsNeverReplaced() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = root.appendingPathComponent("neo4j")
        try write("old", to: set)
        try Data("mine".utf8).write(to: set.appendingPathComponent("notes.txt"))
        #expect(throws: WriteError.self) { try write("new", to: set) }
        #expect(try contents(set)["notes.txt"] == "mine")
        #expect(try contents(set)["nodes.csv"] == "old nodes.csv")
        let file = root.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        #expect(throws: WriteError.self) { try write("new", to: file) }
    }

    @Test func aKilledWritersTemporaryFolderIsRemovedByTheNextWrite() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let left = root.appendingPathComponent(".neo4j.999999-abc.tmp")
        try FileManager.default.createDirectory(at: left, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: left.appendingPathComponent("nodes.csv"))
        try write("new", to: root.appendingPathComponent("neo4j"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["neo4j"])
    }
}
