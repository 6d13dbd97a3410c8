import Foundation
import Testing

/// `terms`, "did you mean" and file paths as terms, on the embedded glossary (§3).
@Suite struct TermsCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let corpus = repository.appendingPathComponent("corpus").path

    private func run(_ arguments: [String], in folder: URL? = nil) throws -> Run {
        try Run(arguments + ["--corpus", corpus, "--no-cache"], in: folder)
    }

    @Test func riskListsTheFiveRiskArticlesThenTheOneThatMentionsRisk() throws {
        let terms = try run(["terms", "مخاطر"])
        #expect(terms.status == 0)
        // Titles that start with مخاطر, shorter first; then إدارة المخاطر, where a later word does.
        #expect(terms.stdout == """
            6 terms matching مخاطر:
              market-risk        مخاطر السوق
              liquidity-risk     مخاطر السيولة
              operational-risk   مخاطر تشغيلية
              credit-risk        مخاطر الائتمان
              counterparty-risk  مخاطر الطرف المقابل
              risk-management    إدارة المخاطر

            """)
        // The same with the conjunction and article typed, and as JSON.
        let json = try run(["terms", "والمخاطر", "--json", "--limit", "2"])
        let answer = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: [[String: String]]]
        #expect(answer["terms"]! == [
            ["slug": "market-risk", "title": "مخاطر السوق", "matched": "مخاطر السوق", "match": "prefix", "name": "title"],
            ["slug": "liquidity-risk", "title": "مخاطر السيولة", "matched": "مخاطر السيولة", "match": "prefix", "name": "title"],
        ])
    }

    @Test func aPrepositionAndPersianLettersFindTheTerm() throws {
        #expect(try run(["neighbors", "بالتسوية", "--json"]).stdout.contains("\"term\" : \"settlement\""))
        // ی (Farsi yeh) for ي and ک (keheh) for ك, as a Persian keyboard types them.
        #expect(try run(["neighbors", "مکتب خلفی", "--json"]).stdout.contains("\"term\" : \"backoffice\""))
    }

    @Test func anArticlesFileIsATerm() throws {
        let answer = try run(["neighbors", "corpus/settlement.md", "--json"], in: Self.repository)
        #expect(answer.status == 0)
        #expect(answer.stdout.contains("\"term\" : \"settlement\""))
        // Relative to the corpus when it is not a file relative to the current folder.
        #expect(try run(["neighbors", "settlement.md", "--json"], in: URL(fileURLWithPath: "/")).stdout
            .contains("\"term\" : \"settlement\""))
    }

    @Test func anUnknownTermSuggestsWhatStartsWithIt() throws {
        let unknown = try run(["neighbors", "مخاطر"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == """
            error: no term "مخاطر"
            did you mean:
              market-risk\tمخاطر السوق
              liquidity-risk\tمخاطر السيولة
              operational-risk\tمخاطر تشغيلية
              credit-risk\tمخاطر الائتمان
              counterparty-risk\tمخاطر الطرف المقابل

            """)
    }

    @Test func limitIsBounded() throws {
        #expect(try run(["terms", "risk", "--limit", "0"]).status == 2)
        #expect(try run(["terms", "risk", "--limit", "10001"]).status == 2)
        // The alias "Risk Management" matched; the slug matched as well and is what is shown.
        #expect(try run(["terms", "risk", "--limit", "1"]).stdout == "1 term matching risk:\n  risk-management  إدارة المخاطر\n")
        // A name that is neither the slug nor the title is shown after them.
        #expect(try run(["terms", "counterparty r", "--limit", "1"]).stdout
            == "1 term matching counterparty r:\n  counterparty-risk  مخاطر الطرف المقابل  (Counterparty Risk)\n")
    }
}

/// Commands run without `--corpus` (§1).
@Suite struct DefaultCorpusCommandTests {
    @Test func aVaultIsFoundFromAFolderInsideIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in [".obsidian", "daily"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data("---\ntitle: Alpha\n---\n[b](/daily/beta)\n".utf8).write(to: root.appendingPathComponent("alpha.md"))
        try Data("---\ntitle: Beta\n---\n".utf8).write(to: root.appendingPathComponent("daily/beta.md"))
        let stats = try Run(["orphans", "--no-cache"], in: root.appendingPathComponent("daily"))
        #expect(stats.status == 0)
        #expect(stats.stdout == "1 orphan term:\n  alpha  Alpha\n")
    }

    @Test func aFolderWithoutArticlesSaysWhatWasTried() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-empty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let stats = try Run(["stats", "--no-cache"], in: root)
        #expect(stats.status == 2)
        #expect(stats.stderr == "error: no articles in \(root.standardizedFileURL.path) (the current folder; no termgraph.yml, "
                + ".obsidian/, .foam/ here or in a folder above, and no corpus/ folder here); name the corpus with --corpus DIR\n")
    }
}
