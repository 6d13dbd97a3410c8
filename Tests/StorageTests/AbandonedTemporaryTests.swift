import Foundation
import Synchronization
import TermgraphStorage
import Testing

/// A folder for one test, removed after it.
private func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Which temporaries of another writer a write clears: only those whose writer is provably gone
/// (no lock held on the file), never by asking whether a process number is alive, which another
/// PID namespace answers differently.
@Suite struct AbandonedTemporaryTests {
    @Test func aLockedTemporaryIsKeptWhateverItsProcessNumberSays() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A writer in another PID namespace: its number means nothing here (no such process),
        // but it holds its lock while it writes.
        let temporary = folder.appendingPathComponent(".graph.dot.\(Int32.max - 1)-abc123.tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        try AtomicFile.write(Array("new".utf8), to: folder.appendingPathComponent("graph.dot"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".graph.dot.\(Int32.max - 1)-abc123.tmp", "graph.dot"])
    }

    @Test func anUnlockedTemporaryIsRemovedEvenIfItsProcessNumberIsInUse() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A killed writer whose number now belongs to a live process (here: this one's parent).
        let temporary = folder.appendingPathComponent(".graph.dot.\(getppid())-abc123.tmp").path
        #expect(FileManager.default.createFile(atPath: temporary, contents: Data("torn".utf8)))
        try AtomicFile.write(Array("new".utf8), to: folder.appendingPathComponent("graph.dot"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["graph.dot"])
    }

    @Test(.enabled(if: geteuid() == 0, "giving a file to another user needs root"))
    func onlyTheUsersOwnRegularTemporariesAreRemoved() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dead = Int32.max - 1
        let others = folder.appendingPathComponent(".graph.dot.\(dead)-other.tmp").path
        #expect(FileManager.default.createFile(atPath: others, contents: Data("theirs".utf8)))
        #expect(chown(others, 65534, 65534) == 0)
        let link = folder.appendingPathComponent(".graph.dot.\(dead)-link.tmp").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/etc/hostname")
        try AtomicFile.write(Array("new".utf8), to: folder.appendingPathComponent("graph.dot"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == [".graph.dot.\(dead)-link.tmp", ".graph.dot.\(dead)-other.tmp", "graph.dot"])
    }

    @Test func temporariesOfOtherFilesAreNotTouched() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // `.graph.dot.` is also how the temporaries of `graph.dot.old` begin.
        let other = folder.appendingPathComponent(".graph.dot.old.1-abc.tmp").path
        #expect(FileManager.default.createFile(atPath: other, contents: Data()))
        try AtomicFile.write(Array("new".utf8), to: folder.appendingPathComponent("graph.dot"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".graph.dot.old.1-abc.tmp", "graph.dot"])
    }

    /// Writers in one folder clear each other's temporaries while they write: none may lose
    /// its file between creating it and locking it, or between locking it and renaming it.
    @Test func concurrentWritersNeverRemoveEachOthersTemporaries() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("graph.dot")
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            for round in 0..<1000 {
                do {
                    try AtomicFile.write(Array("writer \(writer) round \(round)".utf8), to: file)
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        let failed = failures.withLock { $0 }
        #expect(failed.count == 0, "\(failed.count) writes failed, the first: \(failed.first ?? "")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["graph.dot"])
    }
}
