import Foundation
import Testing
import TestSupport

/// A corpus whose files no reader takes says so, instead of answering about an empty graph in silence.
@Suite struct UnreadFilesTests {
    @Test func aCorpusWithoutArticlesCountsTheFilesNoReaderTakes() throws {
        var files = ["termgraph.yml": "title: Docs\n", "README": "read me\n", "notes.json": "{}\n", ".hidden.rst": "x\n"]
        for name in ["a", "b", "c"] { files["docs/\(name).rst"] = "Title\n=====\n" }
        let corpus = try TemporaryCorpus(files)
        defer { corpus.remove() }
        let run = try Run(["stats", "--no-cache", "--corpus", corpus.url.path])
        #expect(run.stderr == "warning: 0 articles; 3 .rst files, 1 file without an extension and 1 .json file are not articles\n")
        #expect(run.status == 0)
    }

    @Test func oneUnreadFileIsNotAnArticle() throws {
        let corpus = try TemporaryCorpus(["page.adoc": "= Page\n"])
        defer { corpus.remove() }
        let run = try Run(["orphans", "--no-cache", "--corpus", corpus.url.path])
        #expect(run.stderr == "warning: 0 articles; 1 .adoc file is not an article\n")
    }

    @Test func htmlPagesAreArticlesSoNothingIsSaid() throws {
        let corpus = try TemporaryCorpus(["a.html": "<title>A</title>", "b.htm": "<a href='a.html'>a</a>", "logo.svg": "<svg/>"])
        defer { corpus.remove() }
        let run = try Run(["stats", "--no-cache", "--corpus", corpus.url.path, "--json"])
        #expect(run.stderr == "")
        let stats = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(stats?["articles"] as? Int == 2)
        #expect(stats?["edges"] as? Int == 1)
    }
}
