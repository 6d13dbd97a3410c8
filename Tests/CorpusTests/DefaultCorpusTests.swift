import Foundation
import TermgraphCorpus
import TestSupport
import Testing

/// The corpus taken when none is named (§1).
@Suite struct DefaultCorpusTests {
    @Test func theNearestMarkedFolderUpwardsIsTheCorpus() throws {
        let tree = try TemporaryCorpus([
            "vault/.obsidian/app.json": "{}",
            "vault/daily/2026/note.md": "x",
            "vault/docs/termgraph.yml": "title: Docs\n",
            "vault/docs/guide/page.md": "x",
            "foam/.foam/keep": "",
            "foam/notes/a.md": "x",
            "site/corpus/a.md": "x",
            "site/src/b.md": "x",
        ])
        defer { tree.remove() }
        let root = tree.url.standardizedFileURL
        func found(_ path: String) -> (String, String) {
            let corpus = DefaultCorpus.find(from: root.appendingPathComponent(path))
            return (String(corpus.folder.path.dropFirst(root.path.count)), corpus.reason)
        }
        #expect(found("vault/daily/2026") == ("/vault", "it holds .obsidian/"))
        // termgraph.yml is nearer than the vault's .obsidian/.
        #expect(found("vault/docs/guide") == ("/vault/docs", "it holds termgraph.yml"))
        #expect(found("foam/notes") == ("/foam", "it holds .foam/"))
        #expect(found("site") == ("/site/corpus", "the corpus/ folder here"))
        // corpus/ counts in the current folder only, not above it.
        let below = DefaultCorpus.find(from: root.appendingPathComponent("site/src"))
        #expect(below.folder.path == root.appendingPathComponent("site/src").path && below.isFallback)
    }

    @Test func aFileOrLinkNamedLikeAMarkerFolderIsNoMarker() throws {
        let tree = try TemporaryCorpus(["notes/.obsidian": "not a folder", "notes/a.md": "x"])
        defer { tree.remove() }
        let corpus = DefaultCorpus.find(from: tree.url.appendingPathComponent("notes"))
        #expect(corpus.isFallback)
    }
}
