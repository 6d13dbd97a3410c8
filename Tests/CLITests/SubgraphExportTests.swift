import Foundation
import Testing

/// `export --around TERM --depth N` and `--category C`: the part of the graph, in every format;
/// and `svg` without Graphviz.
@Suite struct SubgraphExportTests {
    /// The node ids of the JSON export with `arguments`.
    private func nodes(_ corpus: URL, _ arguments: [String]) throws -> [String] {
        let run = try Run(["export", "--corpus", corpus.path, "--format", "json", "--output", "-"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let data = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return (data?["nodes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func aroundATermFoundAsEveryCommandFindsIt() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        #expect(try nodes(corpus, ["--around", "تسوية"]) == ["backoffice", "settlement"])
        #expect(try nodes(corpus, ["--around", "settlement", "--depth", "2"]) == ["backoffice", "middleoffice", "settlement"])
        #expect(try nodes(corpus, ["--around", "settlement", "--depth", "0"]) == ["settlement"])
        #expect(try nodes(corpus, ["--around", "middle office", "--depth", "1"]) == ["backoffice", "derivatives", "frontoffice", "middleoffice"])
        #expect(try nodes(corpus, ["--around", "middle office", "--no-stubs"]) == ["backoffice", "frontoffice", "middleoffice"])
    }

    @Test func aCategoryIsItsMembersAndTheirWantedTerms() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        #expect(try nodes(corpus, ["--category", "back"]) == ["backoffice", "settlement"])
        #expect(try nodes(corpus, ["--category", "middle"]) == ["derivatives", "middleoffice"])
        #expect(try nodes(corpus, ["--category", "middle", "--around", "backoffice"]) == ["middleoffice"])
    }

    @Test func unknownTermsAndCategoriesAndAStrayDepthAreUsageErrors() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let unknown = try Run(["export", "--corpus", corpus.path, "--format", "json", "--output", "-", "--around", "zzqx"])
        #expect(unknown.status == 2 && unknown.stdout == "")
        #expect(unknown.stderr.contains("zzqx"), "\(unknown.stderr)")
        let category = try Run(["export", "--corpus", corpus.path, "--format", "json", "--output", "-", "--category", "nope"])
        #expect(category.status == 2 && category.stdout == "")
        #expect(category.stderr.contains("nope"), "\(category.stderr)")
        let depth = try Run(["export", "--corpus", corpus.path, "--format", "json", "--output", "-", "--depth", "2"])
        #expect(depth.status == 2)
        #expect(depth.stderr.contains("--depth goes with --around TERM."))
        let neo4j = try Run(["export", "--corpus", corpus.path, "--format", "neo4j", "--output", "-"])
        #expect(neo4j.status == 2)
        #expect(neo4j.stderr.contains("--format neo4j writes several files"))
    }

    @Test func withoutGraphvizOnlyTheSVGFailsAndSaysWhy() throws {
        let corpus = try glossary()
        let out = corpus.appendingPathExtension("out")
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: out) }
        let run = try Run(["PATH=/nonexistent", Run.binary.path, "export", "--corpus", corpus.path, "--format", "all", "--out-dir", out.path],
                          executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(run.status == 2)
        #expect(run.stderr == "error: svg needs the `dot` program, which is not on PATH; install Graphviz (Debian: apt-get install graphviz) to draw it; the other formats need nothing\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                == ["graph.dot", "graph.gexf", "graph.graphml", "graph.json", "graph.ttl", "graph.yed.graphml", "neo4j"])
    }
}
