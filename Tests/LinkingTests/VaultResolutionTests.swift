import Foundation
import TermgraphCorpus
import TermgraphGraph
import TermgraphLinking
import Testing
import TestSupport

/// Links by note name (§1a): root path, then relative path, then note name with the tie rule;
/// attachments; wanted terms keyed by their path from the root.
@Suite struct VaultResolutionTests {
    private static let notes = [
        "Home.md", "Index.md", "a/Note.md", "a/Only.md", "a/b/Deep.md", "a/b/Note.md", "c/Note.md", "c/Longer name/Tie.md",
        "c/x/Tie.md", "d/Tie.md", "e/Tie.md", "p/y/Leaf.md", "q/y/Leaf.md", "img/diagram.png", "docs/paper.pdf", "a/page.html",
    ]

    private func vault() throws -> TemporaryCorpus {
        var files = Dictionary(uniqueKeysWithValues: Self.notes.map { ($0, "") })
        files[".obsidian/app.json"] = "{}"
        return try TemporaryCorpus(files)
    }

    /// What each target resolves to from the note at `path`: a slug, `wanted KEY (WRITTEN)`,
    /// `attachment PATH`, `ambiguous SLUG of [SLUGS]`, `none` or `external`.
    private func resolve(_ targets: [String], from path: String, kind: Link.Kind = .wikilink) throws -> [String] {
        let corpus = try vault()
        defer { corpus.remove() }
        let read = try CorpusReader().read(corpus.url)
        let resolver = LinkResolver(articles: read.articles, otherFiles: read.otherFiles, config: read.config)
        return targets.map { target in
            switch resolver.resolve(target, from: path, kind: kind) {
            case .external: "external"
            case .none: "none"
            case .article(let i): read.articles[i].slug
            case let .wanted(key, written): "wanted \(key) (\(written))"
            case .attachment(let file): "attachment \(file)"
            case let .ambiguous(i, candidates): "ambiguous \(read.articles[i].slug) of \(candidates.map { read.articles[$0].slug })"
            }
        }
    }

    @Test func rootPathThenRelativePathThenNoteName() throws {
        #expect(try resolve(["a/Note", "a/note.md", "b/Note", "Deep", "Only", "b/deep"], from: "a/Only.md") == [
            "a/Note", "a/Note", "a/b/Note", "a/b/Deep", "a/Only", "a/b/Deep",
        ])
        // From the root, b/Note is no path: the name with its folder part finds a/b/Note.
        #expect(try resolve(["b/Note", "../Home", "./Only"], from: "Home.md") == ["a/b/Note", "Home", "a/Only"])
    }

    @Test func tiesGoToTheOwnFolderThenTheShortestPathThenPathOrder() throws {
        // Note is in a/, a/b/ and c/: each folder finds its own; elsewhere the shortest path
        // (a/Note.md and c/Note.md are as long: the first in path order).
        #expect(try resolve(["Note"], from: "c/x/Tie.md") == ["ambiguous a/Note of [\"a/Note\", \"a/b/Note\", \"c/Note\"]"])
        #expect(try resolve(["Note"], from: "c/Longer name/Tie.md") == ["ambiguous a/Note of [\"a/Note\", \"a/b/Note\", \"c/Note\"]"])
        #expect(try resolve(["note"], from: "a/b/Deep.md") == ["a/b/Note"])
        // Tie: d/ and e/ are shortest; from Home, d/Tie wins by path order.
        #expect(try resolve(["Tie"], from: "Home.md") == [
            "ambiguous d/Tie of [\"c/Longer name/Tie\", \"c/x/Tie\", \"d/Tie\", \"e/Tie\"]",
        ])
        // The linking note's own folder wins over path order (a bare name there is already
        // found as a relative path, so this takes a folder part).
        #expect(try resolve(["y/Leaf"], from: "q/y/Leaf.md") == ["ambiguous q/y/Leaf of [\"p/y/Leaf\", \"q/y/Leaf\"]"])
        #expect(try resolve(["y/Leaf"], from: "Home.md") == ["ambiguous p/y/Leaf of [\"p/y/Leaf\", \"q/y/Leaf\"]"])
        // A folder part narrows the candidates to one.
        #expect(try resolve(["x/Tie", "Longer name/Tie"], from: "Home.md") == ["c/x/Tie", "c/Longer name/Tie"])
    }

    @Test func headingsBlocksAliasesEscapesAndSelfLinks() throws {
        #expect(try resolve(["Only#Part", "Only#^block1", "Longer%20name/Tie", "a/b/Deep%2Emd", "#Heading", "", "Only?"], from: "Home.md") == [
            "a/Only", "a/Only", "c/Longer name/Tie", "a/b/Deep", "none", "none", "wanted only? (Only?)",
        ])
        // A Markdown link cuts at `?` too, and relative Markdown links take the same way.
        #expect(try resolve(["Only.md?x#y", "b/Deep.md", "../Home.md", "https://e.com/Only"], from: "a/Note.md", kind: .inline) == [
            "a/Only", "a/b/Deep", "Home", "external",
        ])
    }

    @Test func attachmentsAreReachedByPathAndByName() throws {
        #expect(try resolve(["img/diagram.png", "diagram.png", "paper.pdf", "page.html", "diagram"], from: "a/Note.md", kind: .embed) == [
            "attachment img/diagram.png", "attachment img/diagram.png", "attachment docs/paper.pdf", "attachment a/page.html",
            "wanted diagram (diagram)",
        ])
    }

    @Test func aMissingTargetIsWantedByItsPathFromTheRoot() throws {
        #expect(try resolve(["Missing", "missing.md", "sub/Missing#x"], from: "a/b/Deep.md") == [
            "wanted missing (Missing)", "wanted missing (missing)", "wanted sub/missing (sub/Missing)",
        ])
        // A name that is no file but an article's slug (a folder's index note) reaches it.
        #expect(try resolve(["Index"], from: "a/Note.md") == ["Index"])
    }

    @Test func theGraphCountsEmbedsAndAttachmentsAndReportsAmbiguity() throws {
        let corpus = try TemporaryCorpus([
            ".foam/keep": "",
            "Home.md": "[[Note]] ![[Card]] ![plan](img/plan.png) ![[gone.png]] [[Home#Top]] [[]] %% [[Hidden]] %%\n",
            "a/Note.md": "# Note A\n[[Home]]\n",
            "b/Note.md": "back to [[home]]\n",
            "Card.md": "",
            "img/plan.png": "",
        ])
        defer { corpus.remove() }
        let built = try corpus.build()
        let graph = built.graph
        #expect(graph.nodes.map(\.slug) == ["a/Note", "b/Note", "Card", "gone.png", "Home"])
        #expect(graph.nodes.map(\.title) == ["Note A", "Note", "Card", "gone.png", "Home"])
        // Home → a/Note, Card and the stub; a/Note → Home; b/Note → Home.
        #expect(graph.edgeSource == [0, 1, 4, 4, 4] && graph.edgeTarget == [4, 4, 0, 2, 3])
        #expect(built.linkCount == 7)
        #expect(built.attachmentLinkCount == 1)
        #expect(built.problems.map(\.description) == [
            "Home.md:1: wanted-link: link to \"gone.png\" matches no article",
            "Home.md:1: ambiguous-link: link to \"Note\" fits 2 notes (a/Note.md, b/Note.md); it goes to a/Note.md",
        ])
    }
}
