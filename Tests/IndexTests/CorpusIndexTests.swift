import Foundation
import TermgraphCore
import TermgraphCorpus
import TermgraphGraph
@testable import TermgraphIndex
import TermgraphLinking
import TermgraphStorage
import TermgraphTerms
import Testing
import TestSupport

/// The index must never answer for a corpus that changed: after every kind of change the graph
/// read through the index equals a fresh build, byte for byte.
@Suite struct CorpusIndexTests {
    private func fingerprint(_ built: CorpusGraph) -> [UInt8] {
        var writer = ByteWriter()
        built.graph.encode(to: &writer)
        writer.write(built.linkCount)
        writer.write(built.externalLinkCount)
        writer.write(built.problems.map(\.description))
        return writer.bytes
    }

    private func expectFresh(_ corpus: TemporaryCorpus, _ index: CorpusIndex, _ step: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fresh = CorpusGraph(try CorpusReader().read(corpus.url))
        let indexed = try index.readGraph(corpus.url, with: CorpusReader())
        #expect(fingerprint(indexed.graph) == fingerprint(fresh), "after \(step)", sourceLocation: sourceLocation)
        // A second read, now answered from the index alone, still agrees, term lookup included.
        let again = try index.readGraph(corpus.url, with: CorpusReader())
        #expect(fingerprint(again.graph) == fingerprint(fresh), "again after \(step)", sourceLocation: sourceLocation)
        // Term lookup: tables built from the indexed graph, stored, and loaded by the next read.
        let terms = TermIndex(fresh.graph)
        let built = TermIndex(again.graph.graph)
        try #require(again.terms, "a place for the term tables after \(step)", sourceLocation: sourceLocation).save(built)
        let third = try index.readGraph(corpus.url, with: CorpusReader())
        let loaded = try #require(third.terms?.load(nodeCount: fresh.graph.nodeCount), "terms.bin after \(step)", sourceLocation: sourceLocation)
        for term in ["Hub", "y edited", "x", "missing", "hub"] {
            #expect(built.resolve(term) == terms.resolve(term), "\(term) after \(step)", sourceLocation: sourceLocation)
            #expect(loaded.resolve(term) == terms.resolve(term), "\(term) from terms.bin after \(step)", sourceLocation: sourceLocation)
        }
        #expect(FileManager.default.fileExists(atPath: index.folder.appendingPathComponent("terms.bin").path))
    }

    @Test func answersAlwaysEqualAFreshBuild() throws {
        let corpus = try TemporaryCorpus([
            "termgraph.yml": "categories:\n  a: hub\n",
            "hub.md": "---\ntitle: Hub\noffice: a\n---\n[x](/x) [y](/y)\n",
            "x.md": "[y](/y)\n",
            "y.md": "---\ntitle: Y\n---\n[missing](/missing)\n",
            "sub/z.md": "[hub](../hub)\n",
        ])
        defer { corpus.remove() }
        let index = CorpusIndex(folder: corpus.url.deletingLastPathComponent().appendingPathComponent(corpus.url.lastPathComponent + ".index"))
        defer { try? FileManager.default.removeItem(at: index.folder) }

        try expectFresh(corpus, index, "the first build")
        try corpus.write("new.md", "[hub](/hub) [missing](/missing)\n")
        try expectFresh(corpus, index, "adding a file")
        try FileManager.default.removeItem(at: corpus.url.appendingPathComponent("x.md"))
        try expectFresh(corpus, index, "deleting a file")
        try corpus.write("y.md", "---\ntitle: Y edited\n---\n[hub](/hub)\n")
        try expectFresh(corpus, index, "editing a file")
        try FileManager.default.moveItem(at: corpus.url.appendingPathComponent("sub/z.md"), to: corpus.url.appendingPathComponent("sub/w.md"))
        try expectFresh(corpus, index, "renaming a file")
        let touched = corpus.url.appendingPathComponent("hub.md")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: touched.path)
        try expectFresh(corpus, index, "touching a file")
        try corpus.write("termgraph.yml", "categories:\n  b: y\n")
        try expectFresh(corpus, index, "changing termgraph.yml")
        try corpus.write("bad.md", "---\ntitle: [broken\n---\n")
        try expectFresh(corpus, index, "adding a broken file")
    }

    @Test func anEditThatKeepsSizeAndModificationTimeIsStillSeen() throws {
        let corpus = try TemporaryCorpus(["a.md": "[b](/b)\n", "b.md": "# B\n", "c.md": "# C\n"])
        defer { corpus.remove() }
        let index = CorpusIndex(folder: corpus.url.appendingPathExtension("index"))
        defer { try? FileManager.default.removeItem(at: index.folder) }
        try expectFresh(corpus, index, "the first build")
        let a = corpus.url.appendingPathComponent("a.md")
        let modified = try FileManager.default.attributesOfItem(atPath: a.path)[.modificationDate] as! Date
        try Data("[c](/c)\n".utf8).write(to: a)  // same size
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: a.path)
        try expectFresh(corpus, index, "a same-size edit with the old modification time")
    }

    @Test func aCorruptIndexIsIgnored() throws {
        let corpus = try TemporaryCorpus(["a.md": "[b](/b)\n", "b.md": "# B\n"])
        defer { corpus.remove() }
        let index = CorpusIndex(folder: corpus.url.appendingPathExtension("index"))
        defer { try? FileManager.default.removeItem(at: index.folder) }
        try expectFresh(corpus, index, "the first build")
        for name in ["graph.bin", "terms.bin", "articles.bin"] {
            let file = index.folder.appendingPathComponent(name)
            var bytes = try Data(contentsOf: file)
            bytes = bytes.prefix(bytes.count / 2)
            try bytes.write(to: file)
        }
        try expectFresh(corpus, index, "truncating the index")
    }

    @Test func linksComeFromTheIndexForUnchangedFiles() throws {
        let corpus = try TemporaryCorpus(["a.md": "[b](/b)\n", "b.md": "# B\n"])
        defer { corpus.remove() }
        let index = CorpusIndex(folder: corpus.url.appendingPathExtension("index"))
        defer { try? FileManager.default.removeItem(at: index.folder) }
        let first = try index.readCorpus(corpus.url, with: CorpusReader())
        let second = try index.readCorpus(corpus.url, with: CorpusReader())
        #expect(second.articles == first.articles)
        #expect(first.articles.map(\.links.count) == [1, 0])
    }

    @Test func anchorsComeFromTheIndexForUnchangedFiles() throws {
        let corpus = try TemporaryCorpus(["termgraph.yml": "fragments: check\n", "a.md": "[b](/b#part) [c](/b#gone)\n",
                                          "b.md": "# B\n\n## Part\n"])
        defer { corpus.remove() }
        let index = CorpusIndex(folder: corpus.url.appendingPathExtension("index"))
        defer { try? FileManager.default.removeItem(at: index.folder) }
        let first = try index.readCorpus(corpus.url, with: CorpusReader())
        // a.md changes, b.md is read back from the index with its anchors.
        try corpus.write("a.md", "[b](/b#part) [c](/b#gone) [d](/b#b)\n")
        let second = try index.readCorpus(corpus.url, with: CorpusReader())
        #expect(second.articles.map(\.anchors.keys) == [[], ["b", "part"]])
        #expect(second.articles[1] == first.articles[1])
        try expectFresh(corpus, index, "an edit beside a page with anchors")
        let problems = try index.readGraph(corpus.url, with: CorpusReader()).graph.problems.filter { $0.kind == .brokenFragment }
        #expect(problems.map(\.message) == ["link to \"/b#gone\": b.md has no anchor \"gone\""])
    }

    /// A file modified in the second the walk began (here: dated an hour ahead, as a file edited
    /// under a clock a little fast would be) can change again without its size, modification
    /// time or change time showing it on a file system with one-second timestamps. The stored
    /// graph keeps the checksum of the bytes it was built from, and is trusted only while the
    /// file still holds them.
    @Test func aRacyFileIsComparedByContentBeforeTheStoredGraphIsTrusted() throws {
        let corpus = try TemporaryCorpus(["a.md": "[b](/b)\n", "b.md": "# B\n", "c.md": "# C\n"])
        defer { corpus.remove() }
        let index = CorpusIndex(folder: corpus.url.appendingPathExtension("index"))
        defer { try? FileManager.default.removeItem(at: index.folder) }
        let a = corpus.url.appendingPathComponent("a.md")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: a.path)
        // Into the next second, so that only a.md is racy when the index is written.
        let now = Date().timeIntervalSince1970
        Thread.sleep(forTimeInterval: now.rounded(.up) - now + 0.01)
        _ = try index.readGraph(corpus.url, with: CorpusReader())

        let cached = index.load(expecting: nil)
        #expect(cached.racyFiles.map(\.path) == ["a.md"])
        #expect(cached.racyFiles.first?.checksum == Array("[b](/b)\n".utf8).withUnsafeBytes(Checksum.of))
        #expect(CorpusIndex.unchanged(cached.racyFiles, in: corpus.url, config: CorpusConfig()))
        #expect(cached.records["a.md"] == nil, "a racy file's record is never reused")
        #expect(cached.records["b.md"] != nil)
        try corpus.write("a.md", "[c](/c)\n")
        #expect(!CorpusIndex.unchanged(cached.racyFiles, in: corpus.url, config: CorpusConfig()))
    }

    /// A file that could not be read (here: larger than an article may be) counts as changed at
    /// every look: a failure that passes (too many open files, a folder briefly away) is never
    /// stored as the file's content.
    @Test func aFileThatCouldNotBeReadIsNeverTakenAsRead() throws {
        let corpus = try TemporaryCorpus(["a.md": "[b](/b)\n", "b.md": "# B\n"])
        defer { corpus.remove() }
        let index = CorpusIndex(folder: corpus.url.appendingPathExtension("index"))
        defer { try? FileManager.default.removeItem(at: index.folder) }
        let big = corpus.url.appendingPathComponent("big.md")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        #expect(truncate(big.path, 65 << 20) == 0)
        let built = try index.readGraph(corpus.url, with: CorpusReader())
        #expect(built.graph.problems.map(\.file) == ["big.md"])
        let cached = index.load(expecting: nil)
        #expect(cached.racyFiles.contains { $0.path == "big.md" && $0.checksum == nil })
        #expect(cached.records["big.md"] == nil)
        #expect(!CorpusIndex.unchanged(cached.racyFiles, in: corpus.url, config: CorpusConfig()))
    }

    /// A link turned into a file of its own between the walk and the read (here: in the reuse
    /// hook, which runs just before each file is read). The bytes read are the new file's, but
    /// they used to be stored, and the graph fingerprinted, under the stamp the walk saw: the
    /// old target's. When the link came back, the index answered from the other file's links.
    /// The extraction now carries the stamp of what was read, which the index stores.
    @Test func aFileReplacedBetweenTheWalkAndItsReadIsStoredUnderWhatWasRead() throws {
        let corpus = try TemporaryCorpus(["b.md": "# B\n", "c.md": "# C\n"])
        let outside = try TemporaryCorpus(["x.md": "[b](/b)\n"])
        defer { corpus.remove(); outside.remove() }
        let a = corpus.url.appendingPathComponent("a.md").path
        let x = outside.url.appendingPathComponent("x.md").path
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: x)
        // Into the next second, so that no file is racy: only the stamps can tell.
        let now = Date().timeIntervalSince1970
        Thread.sleep(forTimeInterval: now.rounded(.up) - now + 0.01)

        let reader = CorpusReader()
        let scan = reader.scan(corpus.url, configuration: try reader.readConfiguration(corpus.url))
        let extracted = reader.extract(scan) { path, _ in
            if path == "a.md" {
                try? FileManager.default.removeItem(atPath: a)
                FileManager.default.createFile(atPath: a, contents: Data("[c](/c)\n".utf8))
            }
            return nil
        }
        #expect(extracted.corpus.articles.first { $0.path == "a.md" }?.links.map(\.target) == ["/c"])
        let walker = CorpusReader.walker(root: corpus.url, config: CorpusConfig())
        #expect(extracted.files == walker.list().files, "each file under the stamp of what was read")
        #expect(extracted.files != scan.files)
        // Made after the walk began, the new file is racy by its own stamp: its bytes are kept too.
        #expect(extracted.racy.map(\.path) == ["a.md"])

        // The link back: the walk's stamps again, which no longer vouch for what was stored.
        try FileManager.default.removeItem(atPath: a)
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: x)
        #expect(walker.fingerprint() == FolderFingerprint(scan.files))
        #expect(walker.fingerprint() != FolderFingerprint(extracted.files))
    }
}

