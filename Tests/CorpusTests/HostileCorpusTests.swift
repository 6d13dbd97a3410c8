import TermgraphCorpus
import Foundation
import TermgraphGraph
import Testing
import TestSupport

/// A corpus holding every class of bad input next to good articles: each bad file is named in
/// the problem report and every good article is still built.
@Suite(.timeLimit(.minutes(1))) struct HostileCorpusTests {
    private func hostileCorpus() throws -> TemporaryCorpus {
        var aliasBomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { aliasBomb += "l\(level): &l\(level) [" + Array(repeating: level == 1 ? "*a" : "*l\(level - 1)", count: 9).joined(separator: ", ") + "]\n" }
        let corpus = try TemporaryCorpus([
            "good.md": "---\ntitle: \"Good <&> \\\"quoted\\\" \\\\\"\n---\n[b](/good-two) [c](../../../good-two) [f](file:///etc/passwd) [p](/bad%zz%)\n",
            "good-two.md": "# Second\n" + String(repeating: "[", count: 10_000) + "\n[back](/good)\n",
            "crlf.md": "---\r\ntitle: CRLF\r\n---\r\n[g](/good)\r\n",
            "bom.md": "\u{FEFF}---\ntitle: BOM\n---\n[g](/good)\n",
            "broken-yaml.md": "---\ntitle: [unclosed\n---\nbody\n",
            "not-mapping.md": "---\n- a\n- b\n---\nbody\n",
            "unterminated.md": "---\ntitle: never closed\nbody\n",
            "empty-front-matter.md": "---\n---\n[g](/good)\n",
            "deep.md": "---\na: " + String(repeating: "[", count: 50_000) + "\n---\n",
            "huge.md": "---\n" + (0..<20_000).map { "key\($0): \(String(repeating: "v", count: 10))" }.joined(separator: "\n") + "\n  nested: x\n---\n",
            "bomb.md": "---\n" + aliasBomb + "---\n",
            "zz-duplicate.md": "---\nslug: good\n---\n",
            "claims-path.md": "---\nslug: good-two.md\n---\n",
        ])
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF]).write(to: corpus.url.appendingPathComponent("binary.md"))
        try Data(Array("ok\n".utf8) + [0xC3, 0x28] + Array("\n".utf8)).write(to: corpus.url.appendingPathComponent("latin1.md"))
        try Data("---\ntitle: x\n---\n".data(using: .utf16)!).write(to: corpus.url.appendingPathComponent("utf16.md"))
        try FileManager.default.createDirectory(at: corpus.url.appendingPathComponent("folder.md"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: corpus.url.appendingPathComponent("dangling.md").path, withDestinationPath: "/nonexistent/x.md")
        try FileManager.default.createSymbolicLink(atPath: corpus.url.appendingPathComponent("loop").path, withDestinationPath: ".")
        mkfifo(corpus.url.appendingPathComponent("pipe.md").path, 0o644)
        return corpus
    }

    @Test func everyBadFileIsReportedAndEveryGoodArticleBuilt() throws {
        let corpus = try hostileCorpus()
        defer { corpus.remove() }
        let built = try corpus.build()
        let reported = Dictionary(grouping: built.problems.filter { $0.kind != .wantedLink }, by: \.file).mapValues { $0.map(\.kind.rawValue) }
        #expect(reported == [
            "binary.md": ["binary"], "latin1.md": ["encoding"], "utf16.md": ["encoding"],
            "broken-yaml.md": ["front-matter"], "not-mapping.md": ["front-matter"], "unterminated.md": ["front-matter"],
            "deep.md": ["front-matter"], "huge.md": ["front-matter"], "bomb.md": ["front-matter"],
            "dangling.md": ["unreadable"], "pipe.md": ["unreadable"], "zz-duplicate.md": ["duplicate-slug"],
        ])
        let articles = built.graph.nodes.filter { !$0.isStub }.map(\.slug)
        #expect(articles == ["bom", "crlf", "empty-front-matter", "good", "good-two", "good-two.md"])
        // The slug "good-two.md" is claimed by one article; the path form good-two by another:
        // a link to /good-two reaches the article whose key it is.
        let graph = built.graph
        let good = graph.index(ofKey: "good")!
        #expect(graph.successors(of: good).map { graph.nodes[Int($0)].slug } == ["bad%zz%", "good-two"])
        #expect(built.externalLinkCount == 1)
        #expect(graph.nodes[good].title == "Good <&> \"quoted\" \\")
    }

    @Test func problemsCarryLinesWhereTheyHaveThem() throws {
        let corpus = try hostileCorpus()
        defer { corpus.remove() }
        let lines = Dictionary(uniqueKeysWithValues: try corpus.build().problems.filter { $0.kind == .frontMatter }.map { ($0.file, $0.line) })
        #expect(lines == ["broken-yaml.md": 3, "not-mapping.md": 2, "unterminated.md": 1, "deep.md": 2, "huge.md": 2, "bomb.md": 2])
    }

    /// A `termgraph.yml` whose lists hold aliases of the list before, thirty deep, under a key
    /// that holds the last: every command hung in the YAML parser before reading an article.
    /// It is now a `config` problem, and the corpus is read with the default settings.
    @Test func aConfigurationWhoseAliasesCouldExplodeIsAProblem() throws {
        let bomb = "title: T\nl0: &l0 [x, x]\n" + (1...30).map { "l\($0): &l\($0) [*l\($0 - 1), *l\($0 - 1)]\n" }.joined() + "k: {*l30 : 1}\n"
        let corpus = try TemporaryCorpus(["termgraph.yml": bomb, "a.md": "# A\n[b](/b)\n", "b.md": "# B\n"])
        defer { corpus.remove() }
        let read = try CorpusReader().read(corpus.url)
        #expect(read.problems == [Problem(file: "termgraph.yml", line: 1, kind: .config, message: "the configuration names more than one YAML list or mapping with an anchor and uses aliases; an alias of an alias can stand for billions of values")])
        #expect(read.articles.map(\.title) == ["A", "B"])
        #expect(read.config.title == nil)
    }
}

