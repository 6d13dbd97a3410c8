import Foundation
import TermgraphStorage
import Testing
import TestSupport

@Suite struct FolderWalkerTests {
    /// The fingerprint that decides whether the index is current covers exactly the files of
    /// the listing, with the same stamps, and gives up where the listing reports an issue.
    @Test func theFingerprintAgreesWithTheListing() throws {
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
        let walker = FolderWalker(root: corpus.url.path, extensions: [".md", ".markdown", ".txt"])
        let scanned = walker.list().files
        #expect(scanned.map(\.path) == [".\u{0301}drafts/l.md", ".\u{0301}j.md", "B.MD", "a.md", "c.Markdown", "d.txt",
                                        "k.mar\u{212A}down", "link.md", "other/i.markdown", "sub/deeper/g.md", "sub/f.md",
                                        "x.md/h.md", "أ/ب.md"])
        let walked = walker.fingerprint()
        #expect(walked == FolderFingerprint(scanned))
        #expect(walked?.files == 13)

        try corpus.write("sub/f.md", "y")
        #expect(walker.fingerprint() != walked, "an edit")
        try corpus.write(".\u{0301}drafts/m.md", "x")
        #expect(walker.fingerprint() == FolderFingerprint(walker.list().files), "an article added where only the scan's string rules see it")
        #expect(walker.fingerprint() == FolderFingerprint(walker.list().files))

        try FileManager.default.createSymbolicLink(atPath: root + "/nowhere.md", withDestinationPath: root + "/missing")
        #expect(walker.fingerprint() == nil, "a link to nowhere is a problem only the full scan describes")
        #expect(walker.list().issues == [FolderWalker.Issue(path: "nowhere.md", kind: .danglingLink)])
        try FileManager.default.removeItem(atPath: root + "/nowhere.md")
        #expect(mkfifo(root + "/pipe.md", 0o644) == 0)
        #expect(walker.fingerprint() == nil, "a FIFO is never opened, and is reported")
        #expect(walker.list().issues == [FolderWalker.Issue(path: "pipe.md", kind: .notRegular)])
    }

    /// A link with an article's name that leads to a FIFO or a device is reported like the FIFO
    /// or device itself (it used to be dropped without a word), a link loop as a loop (it was
    /// said to point nowhere); a link to a folder is still not followed, and the fingerprint
    /// gives up as for any issue.
    @Test func linksToFIFOsAndDevicesAreReported() throws {
        let corpus = try TemporaryCorpus(["a.md": "x"])
        defer { corpus.remove() }
        let root = corpus.url.path
        #expect(mkfifo(root + "/.pipe", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: root + "/pipe.md", withDestinationPath: root + "/.pipe")
        try FileManager.default.createSymbolicLink(atPath: root + "/zero.md", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: root + "/folder.md", withDestinationPath: "/tmp")
        try FileManager.default.createSymbolicLink(atPath: root + "/loop.md", withDestinationPath: "loop.md")
        let walker = FolderWalker(root: root, extensions: [".md"])
        let listing = walker.list()
        #expect(listing.files.map(\.path) == ["a.md"])
        #expect(listing.issues == [FolderWalker.Issue(path: "loop.md", kind: .linkLoop),
                                   FolderWalker.Issue(path: "pipe.md", kind: .notRegular),
                                   FolderWalker.Issue(path: "zero.md", kind: .notRegular)])
        #expect(walker.fingerprint() == nil)
    }

    /// A name that is not UTF-8 cannot be a path: a folder or a would-be article under such a
    /// name is reported, with its bytes shown, rather than lost without a word.
    @Test func namesThatAreNotUTF8AreReported() throws {
        let corpus = try TemporaryCorpus(["a.md": "x"])
        defer { corpus.remove() }
        func create(_ name: [UInt8], folder: Bool) {
            let path = Array(corpus.url.path.utf8) + [UInt8(ascii: "/")] + name + [0]
            path.withUnsafeBufferPointer { raw in
                raw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: path.count) { cPath in
                    if folder { _ = mkdir(cPath, 0o755) } else { _ = close(creat(cPath, 0o644)) }
                }
            }
        }
        create(Array("bad".utf8) + [0xFF] + Array(".md".utf8), folder: false)
        create(Array("dir".utf8) + [0xFE, 0x41], folder: true)
        create(Array("picture".utf8) + [0xFF] + Array(".png".utf8), folder: false)
        let walker = FolderWalker(root: corpus.url.path, extensions: [".md"])
        #expect(walker.list().issues == [
            FolderWalker.Issue(path: "bad\\xFF.md", kind: .nameNotUTF8),
            FolderWalker.Issue(path: "dir\\xFEA", kind: .nameNotUTF8),
        ])
        #expect(walker.list().files.map(\.path) == ["a.md"])
        #expect(walker.fingerprint() == nil, "a problem only the listing describes")
    }

    /// Reading again only the folders a change happened in gives the listing a whole walk gives:
    /// files written, removed and renamed, folders made, emptied, moved and removed, hidden and
    /// excluded folders among them, and two folders whose names are the same string to Swift.
    @Test func readingTheChangedFoldersAgainListsWhatAWholeWalkDoes() throws {
        let corpus = try TemporaryCorpus(["a.md": "x", "sub/b.md": "x", "sub/deep/c.md": "x", "skip/d.md": "x"])
        defer { corpus.remove() }
        let root = corpus.url.path
        let walker = FolderWalker(root: root, extensions: [".md"], excluded: { path, folder in folder && path == "skip" })
        var random = SeededRandom(seed: 0xF01D)
        let folders = ["", "sub", "sub/deep", "new", "new/inner", "new/deep", "skip", ".hidden", "caf\u{E9}", "cafe\u{301}", "أ"]
        var listing = walker.list()
        for step in 0..<120 {
            var changed = Set<String>()
            /// The folder of `path` and, for each folder a write there makes, the folder it is made in.
            func parent(_ path: String) -> String { path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? "" }
            func touch(_ path: String) {
                var folder = parent(path)
                changed.insert(folder)
                while !folder.isEmpty && !FileManager.default.fileExists(atPath: root + "/" + folder) {
                    folder = parent(folder)
                    changed.insert(folder)
                }
            }
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let folder = folders.randomElement(using: &random)!
                let path = (folder.isEmpty ? "" : folder + "/") + "f\(Int.random(in: 0..<4, using: &random)).md"
                switch Int.random(in: 0..<7, using: &random) {
                case 6:
                    // Two folders swap names, each with a `deep` inside: the same names, other folders.
                    guard FileManager.default.fileExists(atPath: root + "/sub"), FileManager.default.fileExists(atPath: root + "/new") else { continue }
                    touch("sub")
                    touch("new")
                    try FileManager.default.moveItem(atPath: root + "/sub", toPath: root + "/swap")
                    try FileManager.default.moveItem(atPath: root + "/new", toPath: root + "/sub")
                    try FileManager.default.moveItem(atPath: root + "/swap", toPath: root + "/new")
                case 0, 1:
                    touch(path)
                    try corpus.write(path, "\(step)")
                case 2:
                    guard FileManager.default.fileExists(atPath: root + "/" + path) else { continue }
                    touch(path)
                    try FileManager.default.removeItem(atPath: root + "/" + path)
                case 3:
                    // A folder moves under another name, or back.
                    let (from, to) = FileManager.default.fileExists(atPath: root + "/new") ? ("new", "sub/moved") : ("sub/moved", "new")
                    guard FileManager.default.fileExists(atPath: root + "/" + from), !FileManager.default.fileExists(atPath: root + "/" + to) else { continue }
                    touch(from)
                    touch(to)
                    try FileManager.default.createDirectory(atPath: root + "/" + parent(to), withIntermediateDirectories: true)
                    try FileManager.default.moveItem(atPath: root + "/" + from, toPath: root + "/" + to)
                case 4:
                    // A folder and everything in it goes.
                    guard !folder.isEmpty, FileManager.default.fileExists(atPath: root + "/" + folder) else { continue }
                    touch(folder)
                    try FileManager.default.removeItem(atPath: root + "/" + folder)
                default:
                    // A folder with nothing in it yet: a file written there later must be seen.
                    touch(folder + "/x")
                    try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
                }
            }
            let whole = walker.list()
            let relisted = try #require(walker.relist(listing, changed: Set(changed.map { Array($0.utf8) })), "step \(step)")
            #expect(relisted.files.map(\.path) == whole.files.map(\.path), "step \(step)")
            #expect(relisted.files.map(\.stamp) == whole.files.map(\.stamp), "step \(step)")
            #expect(relisted.folders == whole.folders, "step \(step)")
            listing = relisted
        }
        #expect(listing.files.count > 3)
    }

    /// A file that is a symbolic link has its target's stamp, which can change in a folder that
    /// saw no change: reading some folders again cannot vouch for it, so it takes a whole walk.
    @Test func aListingWithALinkedFileIsWalkedWhole() throws {
        let corpus = try TemporaryCorpus(["a.md": "x", "sub/b.md": "x", "elsewhere/real.txt": "x"])
        defer { corpus.remove() }
        let root = corpus.url.path
        let walker = FolderWalker(root: root, extensions: [".md"])
        #expect(walker.relist(walker.list(), changed: [[]]) != nil)
        try FileManager.default.createSymbolicLink(atPath: root + "/sub/link.md", withDestinationPath: root + "/elsewhere/real.txt")
        let listing = walker.list()
        #expect(listing.holdsLinks)
        #expect(walker.relist(listing, changed: [Array("elsewhere".utf8)]) == nil)
        #expect(walker.relist(FolderWalker.Listing(files: listing.files, issues: [], folders: listing.folders), changed: [Array("sub".utf8)]) == nil,
                "a folder read again that holds a link")
    }
}
