@testable import Corpus
import Foundation
import Graph
import Testing

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
        let indexed = try CorpusReader().readGraph(corpus.url, index: index)
        #expect(fingerprint(indexed) == fingerprint(fresh), "after \(step)", sourceLocation: sourceLocation)
        // A second read, now answered from the index alone, still agrees, term lookup included.
        let again = try CorpusReader().readGraph(corpus.url, index: index)
        #expect(fingerprint(again) == fingerprint(fresh), "again after \(step)", sourceLocation: sourceLocation)
        // Term lookup: the first builds the tables and stores them, the next read loads them.
        let terms = TermIndex(fresh.graph)
        let third = try CorpusReader().readGraph(corpus.url, index: index)
        for term in ["Hub", "y edited", "x", "missing", "hub"] {
            #expect(again.terms().resolve(term) == terms.resolve(term), "\(term) after \(step)", sourceLocation: sourceLocation)
            #expect(third.terms().resolve(term) == terms.resolve(term), "\(term) from terms.bin after \(step)", sourceLocation: sourceLocation)
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
        let first = try CorpusReader().read(corpus.url, index: index)
        let second = try CorpusReader().read(corpus.url, index: index)
        #expect(second.articles == first.articles)
        #expect(first.articles.map(\.links.count) == [1, 0])
    }

    /// The quick walk that decides whether the index is current finds exactly the files of the
    /// full scan, with the same stamps, and gives up where the scan would report a problem.
    @Test func theFingerprintWalkAgreesWithTheFullScan() throws {
        let corpus = try TemporaryCorpus([
            "a.md": "x", "B.MD": "x", "c.Markdown": "x", "d.txt": "x", "notes.html": "x", "README": "x",
            ".hidden.md": "x", ".git/e.md": "x", "sub/f.md": "x", "sub/deeper/g.md": "x", "x.md/h.md": "x",
            "other/i.markdown": "x",
            // Not hidden and an article to the full scan: a dot with a combining mark, a Kelvin sign.
            ".\u{0301}j.md": "x", "k.mar\u{212A}down": "x", ".\u{0301}drafts/l.md": "x", "أ/ب.md": "x",
        ])
        defer { corpus.remove() }
        let root = corpus.url.path
        try FileManager.default.createSymbolicLink(atPath: root + "/link.md", withDestinationPath: root + "/a.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/folder-link", withDestinationPath: root + "/sub")
        let reader = CorpusReader()
        let scanned = try reader.scan(corpus.url).files
        #expect(scanned.map(\.path) == [".\u{0301}drafts/l.md", ".\u{0301}j.md", "B.MD", "a.md", "c.Markdown", "d.txt",
                                        "k.mar\u{212A}down", "link.md", "other/i.markdown", "sub/deeper/g.md", "sub/f.md",
                                        "x.md/h.md", "أ/ب.md"])
        let walked = FolderFingerprint.walk(root)
        #expect(walked == FolderFingerprint(scanned))
        #expect(walked?.files == 13)

        try corpus.write("sub/f.md", "y")
        #expect(FolderFingerprint.walk(root) != walked, "an edit")
        try corpus.write(".\u{0301}drafts/m.md", "x")
        #expect(FolderFingerprint.walk(root) == FolderFingerprint(try reader.scan(corpus.url).files), "an article added where only the scan's string rules see it")
        #expect(FolderFingerprint.walk(root) == FolderFingerprint(try reader.scan(corpus.url).files))

        try FileManager.default.createSymbolicLink(atPath: root + "/nowhere.md", withDestinationPath: root + "/missing")
        #expect(FolderFingerprint.walk(root) == nil, "a link to nowhere is a problem only the full scan describes")
        try FileManager.default.removeItem(atPath: root + "/nowhere.md")
        #expect(mkfifo(root + "/pipe.md", 0o644) == 0)
        #expect(FolderFingerprint.walk(root) == nil, "a FIFO is never opened, and is reported")
    }
}
