import Foundation
import TermgraphKit
import Testing
import TestSupport

/// A vault's answers, from a fresh read and from the on-disk index alike.
@Suite struct VaultQueryTests {
    @Test func statsAndLinksShowAttachmentsAndTheIndexFollowsTheVaultMarker() throws {
        let corpus = try TemporaryCorpus([
            "Home.md": "[[Note]] ![[chart.png]] ![[Note]]\n",
            "sub/Note.md": "",
            "chart.png": "",
        ])
        defer { corpus.remove() }
        // Past the second the files were written in, the index trusts their stamps and would
        // reuse what it read of them (git's racy-file rule).
        Thread.sleep(forTimeInterval: 1.1)
        let cache = corpus.url.appendingPathExtension("index")
        defer { try? FileManager.default.removeItem(at: cache) }
        // Without a marker, [[Note]] is a path from the root (wanted) and embeds are text.
        let before = try StatsQuery().run(in: Workspace(root: corpus.url, cacheFolder: cache))
        #expect((before.edges, before.wanted, before.links, before.attachmentLinks) == (1, 1, 1, 0))
        // The marker is a hidden folder the walk never sees: the index must still not be reused.
        try FileManager.default.createDirectory(at: corpus.url.appendingPathComponent(".obsidian"), withIntermediateDirectories: true)
        for workspace in [Workspace(root: corpus.url, cacheFolder: cache), Workspace(root: corpus.url, cacheFolder: cache),
                          Workspace(root: corpus.url, useIndex: false)] {
            let stats = try StatsQuery().run(in: workspace)
            #expect((stats.edges, stats.wanted, stats.links, stats.attachmentLinks) == (1, 0, 2, 1))
        }
        let links = try LinksQuery().run(in: Workspace(root: corpus.url, useIndex: false))
        #expect(links.articles.map(\.path) == ["Home.md", "sub/Note.md"])
        #expect(links.articles[0].links.map { "\($0.kind) \($0.target) \($0.resolution) \($0.slug ?? "-")" } == [
            "wikilink Note article sub/Note", "embed chart.png attachment chart.png", "embed Note article sub/Note",
        ])
    }
}
