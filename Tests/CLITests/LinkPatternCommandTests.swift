import Foundation
import Testing

/// `link_patterns` through the command line: `links` names the form `pattern`, a bad pattern is
/// a `config` problem while the rest builds, and the on-disk index follows changed patterns.
@Suite struct LinkPatternCommandTests {
    private func corpus(_ config: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-patterns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let files = [
            "termgraph.yml": config,
            "Web/API/Document/index.md": "# Document\n",
            "guide.md": "# Guide\n\nUse {{domxref(\"Document\")}} or\n`{{domxref(\"Code\")}}` and [x](/Web/API/Document).\n",
        ]
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return root
    }

    private static let domxref = #"link_patterns: [{pattern: '\{\{domxref\("([^"]+)"\)\}\}', target: '/Web/API/$1'}]"# + "\n"

    @Test func linksShowsThePatternForm() throws {
        let root = try corpus(Self.domxref)
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try Run(["links", "--corpus", root.path, "--no-cache"])
        #expect(text.status == 0)
        #expect(text.stdout == "guide.md:3: pattern /Web/API/Document → article Web/API/Document\tDocument\n"
                + "guide.md:4: inline /Web/API/Document → article Web/API/Document\tx\n")
        let json = try Run(["links", "--corpus", root.path, "--no-cache", "--json"])
        let answer = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let articles = answer?["articles"] as? [[String: Any]] ?? []
        let guide = articles.first { $0["path"] as? String == "guide.md" }?["links"] as? [[String: Any]] ?? []
        #expect(guide.map { "\($0["kind"]!) \($0["line"]!) \($0["target"]!) \($0["text"]!) \($0["resolution"]!) \($0["slug"]!)" } == [
            "pattern 3 /Web/API/Document Document article Web/API/Document",
            "inline 4 /Web/API/Document x article Web/API/Document",
        ])
    }

    @Test func aBadPatternIsAConfigProblemAndTheRestBuilds() throws {
        let root = try corpus("title: T\nlink_patterns:\n  - pattern: '(unclosed'\n    target: '/x'\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try Run(["check", "--corpus", root.path, "--no-cache"], in: root)
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix("termgraph.yml:3: config: pattern \"(unclosed\" is not a valid regular expression"))
        let stats = try Run(["stats", "--corpus", root.path, "--no-cache", "--json"])
        #expect(stats.status == 0 && stats.stdout.contains("\"edges\" : 1"))
    }

    @Test func theIndexIsRebuiltWhenThePatternsChange() throws {
        let root = try corpus(Self.domxref)
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cli-patterns-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: cache) }
        let first = try Run(["links", "--corpus", root.path, "--cache-dir", cache.path])
        #expect(first.stdout.contains(" pattern /Web/API/Document "))
        let moved = Self.domxref.replacingOccurrences(of: "'/Web/API/$1'", with: "'/api/$1'")
        try Data(moved.utf8).write(to: root.appendingPathComponent("termgraph.yml"))
        let second = try Run(["links", "--corpus", root.path, "--cache-dir", cache.path])
        #expect(second.stdout == (try Run(["links", "--corpus", root.path, "--no-cache"])).stdout)
        #expect(second.stdout.hasPrefix("guide.md:3: pattern /api/Document → wanted api/Document\tDocument\n"))
        try Data("title: none\n".utf8).write(to: root.appendingPathComponent("termgraph.yml"))
        let third = try Run(["links", "--corpus", root.path, "--cache-dir", cache.path])
        #expect(third.stdout == "guide.md:4: inline /Web/API/Document → article Web/API/Document\tx\n")
    }
}
