import Foundation
import Testing
import TestSupport

/// What the command line says when it is used wrongly, how it fits a terminal, and what it
/// tells about itself (§4, §4a's error JSON).
@Suite struct UsageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let corpus = repository.appendingPathComponent("corpus").path

    private func json(_ text: String) throws -> NSDictionary {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    @Test func aMistypedCommandSuggestsTheNearestOnes() throws {
        let typo = try Run(["pathh", "a", "b"])
        #expect(typo.status == 2)
        #expect(typo.stdout == "")
        #expect(typo.stderr == """
            Error: Unknown command 'pathh'. Did you mean 'path'?
            Usage: termgraph <subcommand>
              See 'termgraph --help' for more information.

            """)
        // British spelling, and a prefix: both within two edits or a start of the name.
        #expect(try Run(["neighbours", "x"]).stderr.hasPrefix("Error: Unknown command 'neighbours'. Did you mean 'neighbors'?\n"))
        #expect(try Run(["ch"]).stderr.hasPrefix("Error: Unknown command 'ch'. Did you mean 'check'?\n"))
        #expect(try Run(["zzzzzzzz"]).stderr.hasPrefix("Error: Unknown command 'zzzzzzzz'.\n"))
        // A real command is not second-guessed.
        #expect(try Run(["path", "--help"]).status == 0)
    }

    @Test func withJSONAUsageErrorIsTheErrorAnswerOnStandardOutput() throws {
        let typo = try Run(["pathh", "a", "b", "--json"])
        #expect(typo.status == 2)
        // The message goes to stderr as without --json; stdout holds the JSON alone.
        #expect(typo.stderr.hasPrefix("Error: Unknown command 'pathh'. Did you mean 'path'?\n"))
        #expect(try json(typo.stdout) == [
            "error": ["kind": "bad-parameter", "message": "Unknown command 'pathh'. Did you mean 'path'?",
                      "candidates": [], "suggestions": []]] as NSDictionary)
        let option = try Run(["path", "a", "b", "--limt", "3", "--json", "--corpus", corpus])
        #expect(option.status == 2)
        #expect(try json(option.stdout) == [
            "error": ["kind": "bad-parameter", "message": "Unknown option '--limt'. Did you mean '--limit'?",
                      "candidates": [], "suggestions": []]] as NSDictionary)
        let bound = try Run(["terms", "x", "--limit", "0", "--json", "--corpus", corpus])
        #expect(bound.status == 2)
        #expect(try json(bound.stdout) == [
            "error": ["kind": "bad-parameter", "message": "--limit must be between 1 and 10000.",
                      "candidates": [], "suggestions": []]] as NSDictionary)
    }

    @Test func withJSONAnUnknownTermIsTheErrorAnswerWithSuggestions() throws {
        let unknown = try Run(["neighbors", "مخاطر", "--json", "--corpus", corpus, "--no-cache"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("error: no term \"مخاطر\"\ndid you mean:\n"))
        let risk = ["market-risk": "مخاطر السوق", "liquidity-risk": "مخاطر السيولة", "operational-risk": "مخاطر تشغيلية",
                    "credit-risk": "مخاطر الائتمان", "counterparty-risk": "مخاطر الطرف المقابل"]
        let order = ["market-risk", "liquidity-risk", "operational-risk", "credit-risk", "counterparty-risk"]
        #expect(try json(unknown.stdout) == [
            "error": ["kind": "unknown-term", "message": "no term \"مخاطر\"", "candidates": [],
                      "suggestions": order.map { ["slug": $0, "title": risk[$0]!] }]] as NSDictionary)
        let category = try Run(["path", "--from-category", "front", "--to-category", "nowhere", "--json", "--corpus", corpus, "--no-cache"])
        #expect(category.status == 2)
        #expect(try json(category.stdout) == [
            "error": ["kind": "unknown-category", "message": "no category \"nowhere\" (categories: front, middle, back)",
                      "candidates": [], "suggestions": []]] as NSDictionary)
    }

    @Test func withJSONAnAmbiguousTermListsItsCandidates() throws {
        let corpus = try TemporaryCorpus([
            "a.md": "---\ntitle: Alpha\naliases: Risk\n---\n",
            "b.md": "---\ntitle: Beta\naliases: Risk\n---\n",
        ])
        defer { corpus.remove() }
        let ambiguous = try Run(["neighbors", "risk", "--json", "--corpus", corpus.url.path, "--no-cache"])
        #expect(ambiguous.status == 2)
        #expect(try json(ambiguous.stdout) == [
            "error": ["kind": "ambiguous-term", "message": "\"risk\" is ambiguous", "suggestions": [],
                      "candidates": [["slug": "a", "title": "Alpha"], ["slug": "b", "title": "Beta"]]]] as NSDictionary)
        // Without --json the same is text on stderr.
        let text = try Run(["neighbors", "risk", "--corpus", corpus.url.path, "--no-cache"])
        #expect(text.stdout == "")
        #expect(text.stderr == "error: \"risk\" is ambiguous; it could be:\n  a\tAlpha\n  b\tBeta\n")
    }

    @Test func theLastColumnIsWrappedAtSpacesToTheTerminalWidth() throws {
        let corpus = try TemporaryCorpus([
            "long.md": "---\ntitle: تسوية الأوراق المالية في الأسواق الناشئة عبر الحدود\n---\n",
            "x.md": "---\ntitle: X\n---\n[a](/long)\n",
        ])
        defer { corpus.remove() }
        let run = try Run(["terms", "تسوية", "--corpus", corpus.url.path, "--no-cache"], environment: ["COLUMNS": "30"])
        // Eight columns before the title ("  long  "), so 22 for it: 21, 22 and 6 columns, broken
        // between words only.
        #expect(run.stdout == """
            1 term matching تسوية:
              long  تسوية الأوراق المالية
                    في الأسواق الناشئة عبر
                    الحدود

            """)
        // Wide enough, or not a terminal and no $COLUMNS: one line.
        let wide = try Run(["terms", "تسوية", "--corpus", corpus.url.path, "--no-cache"], environment: ["COLUMNS": "200"])
        #expect(wide.stdout == "1 term matching تسوية:\n  long  تسوية الأوراق المالية في الأسواق الناشئة عبر الحدود\n")
        let piped = try Run(["terms", "تسوية", "--corpus", corpus.url.path, "--no-cache"])
        #expect(piped.stdout == wide.stdout)
        // A word longer than the room is kept whole on its own line, never cut.
        try corpus.write("word.md", "---\ntitle: a Supercalifragilisticexpialidocious word\n---\n")
        let word = try Run(["terms", "word", "--corpus", corpus.url.path, "--no-cache"], environment: ["COLUMNS": "26"])
        #expect(word.stdout == "1 term matching word:\n  word  a\n        Supercalifragilisticexpialidocious\n        word\n")
    }

    @Test func orphansLimitShortensTheTextListOnly() throws {
        let text = try Run(["orphans", "--kind", "wanted", "--limit", "2", "--corpus", corpus, "--no-cache"])
        #expect(text.stdout == "4 wanted terms (the first 2 shown):\n  central-bank  linked by 2  البنك المركزي\n  derivatives   linked by 3  المشتقات\n")
        let all = try json(try Run(["orphans", "--kind", "wanted", "--limit", "2", "--json", "--corpus", corpus, "--no-cache"]).stdout)
        #expect((all["terms"] as? [Any])?.count == 4)
        #expect(try Run(["orphans", "--limit", "0", "--corpus", corpus]).status == 2)
    }

    @Test func versionNamesTheReleaseAndTheCommit() throws {
        let version = try Run(["--version"])
        #expect(version.status == 0)
        let line = version.stdout.trimmingCharacters(in: .newlines)
        let match = try #require(line.wholeMatch(of: /termgraph (\d+\.\d+\.\d+) \(([0-9a-f]{12}(?:-dirty)?|unknown)\)/))
        #expect(match.1 == "0.9.0")
        // Built inside a git checkout, the commit is the one checked out.
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["-C", Self.repository.path, "rev-parse", "--short=12", "HEAD"]
        let out = Pipe()
        git.standardOutput = out
        git.standardError = FileHandle.nullDevice
        guard (try? git.run()) != nil else { return }
        git.waitUntilExit()
        let head = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .newlines)
        if git.terminationStatus == 0 { #expect(match.2.hasPrefix(head)) }
    }

    @Test func termArgumentsCompleteFromTheCorpus() throws {
        // The protocol of swift-argument-parser's completion scripts: the argument, the index of
        // the word being completed, the cursor in it, then the words.
        func complete(_ command: String, _ argument: String, _ typed: String, shell: String) throws -> [String] {
            let words = ["termgraph", command, "--corpus", corpus, typed]
            let run = try Run(["---completion", command, "--", argument, "4", "\(typed.count)"] + words,
                              environment: ["SAP_SHELL": shell])
            return run.stdout.split(separator: "\n").map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
        }
        #expect(try complete("neighbors", "positional@0", "مخاطر ال", shell: "zsh")
            == ["مخاطر السوق", "مخاطر السيولة", "مخاطر الائتمان", "مخاطر الطرف المقابل"])
        // bash splits candidates at spaces: only names without them.
        #expect(try complete("path", "positional@1", "risk", shell: "bash") == ["risk-management"])
        #expect(try complete("export", "--around", "settl", shell: "fish") == ["settlement", "settlement-cycle"])
    }

    /// The help of every command, whole, as a user reads it at 100 columns.
    @Test(arguments: ["termgraph", "export", "path", "neighbors", "orphans", "stats", "check", "links", "terms", "serve"])
    func helpIsWhatTheDocumentedTextSays(command: String) throws {
        let expected = try String(contentsOf: Self.repository.appendingPathComponent("Tests/CLITests/Help/\(command).txt"), encoding: .utf8)
        let run = try Run(command == "termgraph" ? ["--help"] : [command, "--help"], environment: ["COLUMNS": "100"])
        #expect(run.status == 0)
        #expect(run.stdout == expected)
    }

    /// The committed man pages (`make man`) describe every option the commands have.
    @Test(arguments: ["export", "path", "neighbors", "orphans", "stats", "check", "links", "terms", "serve"])
    func theManPageListsEveryOption(command: String) throws {
        let page = try String(contentsOf: Self.repository.appendingPathComponent("docs/man/termgraph.\(command).1"), encoding: .utf8)
        let help = try Run([command, "--help"], environment: ["COLUMNS": "100"]).stdout
        let options = Set(help.matches(of: /\s--([a-z][a-z-]*)/).map { String($0.1) })
        #expect(!options.isEmpty)
        for option in options.sorted() where option != "help" && option != "version" {
            #expect(page.contains("Fl -\(option)"), "docs/man/termgraph.\(command).1 lacks --\(option); run make man")
        }
    }
}
