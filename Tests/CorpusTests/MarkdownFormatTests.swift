import TermgraphCorpus
import Foundation
import TermgraphGraph
import Testing
import TestSupport

@Suite struct MarkdownFormatTests {
    private func read(_ text: String, path: String = "a.md") throws -> Article {
        try MarkdownFormat().read(Array(text.utf8), path: path)
    }

    @Test func seedFormatWithCommaSeparatedKeywords() throws {
        let article = try read("---\nkeywords: Investing,Brokers, Stock Brokers\ntitle: مكتب خلفي\ndescription: وصف\n---\n\n# ignored\n", path: "backoffice.md")
        #expect(article.slug == "backoffice")
        #expect(article.title == "مكتب خلفي")
        #expect(article.description == "وصف")
        #expect(article.keywords == ["Investing", "Brokers", "Stock Brokers"])
    }

    @Test(.enabled(if: SharedFolder.isPresent, SharedFolder.skipMessage))
    func theSeedArticlesFiveLinks() throws {
        let seed = SharedFolder.url.appendingPathComponent("seeds/000_c4fe1e33511e85f4.txt")
        let article = try MarkdownFormat().read(Array(try Data(contentsOf: seed)), path: "backoffice.md")
        #expect(article.links.map { "\($0.target) [\($0.text)] @\($0.line)" } == [
            "/frontoffice [المكتب الأمامي] @10", "/middleoffice [والمكتب الأوسط] @10",
            "/client-facing [تجاه العملاء] @14", "/lease [الإيجارات التجارية] @22", "/cpa [محاسبين قانونيين ذوي خبرة] @26",
        ])
    }

    @Test func yamlListsAliasesSlugAndUnknownKeys() throws {
        let article = try read("""
            ---
            title: "Quoted: title"
            slug: /Custom/Slug/
            aliases:
              - /old/url/
              - Other Name
            tags: [a, b]
            weight: 10
            nested: {x: 1}
            ---
            body
            """)
        #expect(article.title == "Quoted: title")
        #expect(article.slug == "/Custom/Slug/")
        #expect(article.key == "custom/slug")
        #expect(article.aliases == ["/old/url/", "Other Name"])
        #expect(article.attributes == [ArticleAttribute(name: "tags", value: .list(["a", "b"])), ArticleAttribute(name: "weight", value: .text("10"))])
    }

    @Test func titleFallsBackToHeadingThenSlug() throws {
        #expect(try read("intro\n\n# The Heading #\n", path: "x/y.md").title == "The Heading")
        #expect(try read("no heading", path: "x/y.md").title == "x/y")
    }

    @Test func pathSlugs() {
        #expect(Article.pathSlug(for: "a/b/index.md") == "a/b")
        #expect(Article.pathSlug(for: "a/_index.md") == "a")
        #expect(Article.pathSlug(for: "index.md") == "index")
        #expect(Article.pathSlug(for: "backoffice.md") == "backoffice")
        #expect(Article.pathSlug(for: "v1.2/notes.markdown") == "v1.2/notes")
    }

    @Test func brokenFrontMatterIsAProblemWithItsLine() {
        #expect(throws: Problem(file: "a.md", line: 3, kind: .frontMatter, message: "mapping values are not allowed in this context")) {
            try read("---\ntitle: ok\n  bad: [\n---\n")
        }
        #expect(throws: Problem(file: "a.md", line: 1, kind: .frontMatter, message: "front matter opened with --- is never closed")) {
            try read("---\ntitle: x\n")
        }
        #expect(throws: Problem(file: "a.md", line: 2, kind: .frontMatter, message: "front matter is not a mapping of keys to values")) {
            try read("---\n- a\n- b\n---\n")
        }
    }

    @Test func duplicateKeysAreOneLineProblemWhateverTheParserPath() {
        #expect(throws: Problem(file: "a.md", line: 3, kind: .frontMatter, message: "duplicate key \"title\"")) {
            try read("---\ntitle: First\ntitle: Second\n---\n")
        }
        #expect(throws: Problem(file: "a.md", line: 4, kind: .frontMatter, message: "duplicate key \"b\"")) {
            try read("---\n[a]: 1\nb: 1\nb: 2\n---\n")
        }
        // Repeated keys that are not text: the same answer every time.
        for _ in 0..<20 {
            #expect(throws: Problem(file: "a.md", line: 2, kind: .frontMatter, message: "front matter repeats a key")) {
                try read("---\n[a]: 1\n[a]: 2\n{b: 1}: 3\n{b: 1}: 4\n---\n")
            }
        }
    }

    @Test func aKeyWithNoNameIsDropped() throws {
        let article = try read("---\ntitle: T\n&anchor: >-\n---\n")
        #expect(article.title == "T")
        #expect(article.attributes == [])
    }

    @Test func controlCharactersInPlainValuesGoToTheYAMLParser() {
        #expect(throws: Problem.self) { try read("---\ntitle: Bell\u{07}here\n---\n") }
    }

    @Test func badBytesAreProblemsWithTheirLine() {
        #expect(throws: Problem(file: "a.md", line: 2, kind: .encoding, message: "file is not valid UTF-8")) {
            try MarkdownFormat().read(Array("ok\n".utf8) + [0xFF, 0xFE] + Array("\n".utf8), path: "a.md")
        }
        #expect(throws: Problem(file: "a.md", line: 1, kind: .binary, message: "file holds NUL bytes; it is not a text article")) {
            try MarkdownFormat().read([0x50, 0x00, 0x01], path: "a.md")
        }
    }

    @Test func byteOrderMarkAndCRLFAreHandled() throws {
        let article = try MarkdownFormat().read([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: T\r\n---\r\nline\r\n[a](/b)\r\n".utf8), path: "a.md")
        #expect(article.title == "T")
        #expect(article.links.map(\.line) == [5])
    }

    @Test func aliasBombsAreRefused() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*\(level == 1 ? "a" : "l\(level - 1)")", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(throws: Problem.self) { try read("---\n\(yaml)---\nbody") }
    }
}
