import Foundation
import Testing

/// Runs the built `termgraph` binary (it sits beside the test bundle) and captures its output.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String

    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("termgraph")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/termgraph")
    }()

    /// Runs termgraph, or `executable` (a shell around it), with `arguments`, and `environment`
    /// added to this process's.
    init(_ arguments: [String], in folder: URL? = nil, executable: URL? = nil, environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = executable ?? Self.binary
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }
}

/// A three-office glossary in the seed's format, small enough to reason about by hand.
func glossary() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
    let files = [
        "termgraph.yml": "title: Test\ncategories:\n  front: frontoffice\n  middle: middleoffice\n  back: backoffice\n",
        "frontoffice.md": "---\ntitle: مكتب أمامي\naliases: Front Office\noffice: front\n---\n[والمكتب الأوسط](/middleoffice)\n",
        "middleoffice.md": "---\ntitle: مكتب أوسط\naliases: Middle Office\noffice: middle\n---\n[المكتب الخلفي](/backoffice) [المشتقات](/derivatives)\n",
        "backoffice.md": "---\ntitle: مكتب خلفي\naliases: Back Office\noffice: back\n---\n[التسوية](/settlement)\n",
        "settlement.md": "---\ntitle: تسوية\n---\n[المكتب الخلفي](/backoffice)\n",
        "lonely.md": "---\ntitle: Lonely\n---\nNo links.\n",
    ]
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for (name, text) in files {
        try Data(text.utf8).write(to: root.appendingPathComponent(name))
    }
    return root
}

@Suite(.serialized) struct CLITests {
    @Test func pathByArabicAnchorTextAndAlias() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let run = try Run(["path", "--corpus", corpus.path, "المكتب الأمامي", "back office", "--json"])
        #expect(run.status == 0)
        let answer = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(answer["from"] as? String == "frontoffice")
        #expect(answer["to"] as? String == "backoffice")
        #expect(answer["length"] as? Int == 2)
        #expect(answer["paths"] as? [[String]] == [["frontoffice", "middleoffice", "backoffice"]])
    }

    @Test func humanPathOutput() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let run = try Run(["path", "--corpus", corpus.path, "والمكتب الأوسط", "تسويه"])
        #expect(run.stdout == """
            2 links from middleoffice to settlement:
              middleoffice  مكتب أوسط
              backoffice    مكتب خلفي
              settlement    تسوية

            """)
    }

    /// Corpus text is shown, never obeyed: escape sequences, line breaks and bidi overrides in
    /// a title or a link target appear escaped, so they cannot recolour the terminal, move the
    /// cursor, or forge a `file:line` line.
    @Test func controlCharactersFromTheCorpusAreShownEscaped() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("---\ntitle: \"Evil \\e[31mred\\nfake.md:1: error\"\n---\n[x](/\u{202E}abc)\n".utf8)
            .write(to: root.appendingPathComponent("a.md"))
        let orphans = try Run(["orphans", "--corpus", root.path, "--no-cache"])
        #expect(orphans.stdout == "1 orphan term:\n  a  Evil \\x1B[31mred\\nfake.md:1: error\n")
        let check = try Run(["check", "--corpus", root.path, "--no-cache"], in: root)
        #expect(check.stdout == "a.md:4: wanted-link: link to \"/\\u{202E}abc\" matches no article\n1 problem\n")
        let links = try Run(["links", "--corpus", root.path, "--no-cache"])
        #expect(links.stdout == "a.md:4: inline /\\u{202E}abc → wanted \\u{202E}abc\tx\n")
    }

    /// An answer that cannot be written (standard output full, or closed) is a message and exit
    /// code 2, never a trap.
    @Test func aFullOrClosedStandardOutputIsAnErrorNotACrash() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        for (redirect, reason) in [(">/dev/full", "No space left on device"), (">&-", "Bad file descriptor")] {
            let run = try Run(["-c", "\"$0\" stats --no-cache --corpus \"$1\" \(redirect)", Run.binary.path, corpus.path],
                              executable: URL(fileURLWithPath: "/bin/sh"))
            #expect(run.status == 2, "\(redirect)")
            #expect(run.stderr == "termgraph: cannot write the answer to standard output: \(reason)\n", "\(redirect)")
        }
    }

    @Test func noPathExitsOne() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let run = try Run(["path", "--corpus", corpus.path, "backoffice", "frontoffice", "--json"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"length\" : null"))
    }

    @Test func categoryPath() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let run = try Run(["path", "--corpus", corpus.path, "--from-category", "front", "--to-category", "back", "--json"])
        #expect(run.status == 0)
        // settlement has no office but its nearest hub is backoffice.
        #expect(run.stdout.contains("\"length\" : 2"))
    }

    @Test func unknownAndAmbiguousTermsExitTwo() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let unknown = try Run(["neighbors", "--corpus", corpus.path, "settlment"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: no term \"settlment\"\ndid you mean:\n  settlement\tتسوية\n")
        // With --json the contract's error object is on stdout too (§4a), the message on stderr.
        let json = try Run(["neighbors", "--corpus", corpus.path, "settlment", "--json", "--no-cache"])
        #expect(json.status == 2)
        #expect(json.stdout == """
            {
              "error" : {
                "candidates" : [

                ],
                "kind" : "unknown-term",
                "message" : "no term \\"settlment\\"",
                "suggestions" : [
                  {
                    "slug" : "settlement",
                    "title" : "تسوية"
                  }
                ]
              }
            }

            """)
        #expect(json.stderr == unknown.stderr)
        // "المكتب الخلفي" is an anchor for backoffice from two articles, one node: not ambiguous.
        #expect(try Run(["neighbors", "--corpus", corpus.path, "المكتب الخلفي"]).status == 0)
    }

    @Test func usageErrorsExitTwo() throws {
        let missing = try Run(["path", "only-one"])
        #expect(missing.status == 2)
        // The message and the usage are lines of their own, not one line with "\n" in it.
        let lines = missing.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "Error: Give two terms (FROM TO), or --from-category and --to-category.")
        #expect(lines.contains { $0.hasPrefix("Usage: termgraph path ") })
        #expect(try Run(["orphans", "--kind", "nonsense"]).status == 2)
        #expect(try Run(["nonsense"]).status == 2)
        #expect(try Run(["stats", "--corpus", "/nonexistent/corpus"]).status == 2)
    }

    @Test func orphansWantedAndCheck() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        #expect(try Run(["orphans", "--corpus", corpus.path]).stdout == "2 orphan terms:\n  frontoffice  مكتب أمامي\n  lonely       Lonely\n")
        let wanted = try Run(["orphans", "--corpus", corpus.path, "--kind", "wanted", "--json"])
        let answer = try JSONSerialization.jsonObject(with: Data(wanted.stdout.utf8)) as! [String: Any]
        let terms = answer["terms"] as! [[String: Any]]
        #expect(terms.count == 1 && terms[0]["slug"] as? String == "derivatives" && terms[0]["linked_by"] as? Int == 1)
        let check = try Run(["check", "--corpus", corpus.path], in: corpus)
        #expect(check.status == 1)
        #expect(check.stdout == "middleoffice.md:6: wanted-link: link to \"/derivatives\" matches no article\n1 problem\n")
    }

    @Test func statsJSONShape() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let run = try Run(["stats", "--corpus", corpus.path, "--json"])
        let stats = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(stats["articles"] as? Int == 5)
        #expect(stats["stubs"] as? Int == 1)
        #expect(stats["edges"] as? Int == 5)
        #expect(stats["links"] as? Int == 5)
        #expect(stats["external_links"] as? Int == 0)
        #expect(stats["orphans"] as? Int == 2)
        #expect(stats["wanted"] as? Int == 1)
        let matrix = stats["category_matrix"] as! [String: [String: Int]]
        #expect(matrix["front"]?["middle"] == 1 && matrix["back"]?["back"] == 2 && matrix["middle"]?["back"] == 1)
    }

    @Test func statsTextPrintsTheMatrixAsAGrid() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let run = try Run(["stats", "--corpus", corpus.path])
        #expect(run.stdout.hasSuffix("""
            edges between categories (row → column):
              from \\ to  front  middle  back
              front      0      1       0
              middle     0      0       1
              back       0      0       2

            """))
    }

    /// Past twelve categories a grid is mostly zeros and too wide to read: one line a cell.
    @Test func statsTextListsCellsOfManyCategories() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data(("categories:\n" + (0..<13).map { "  c\($0): h\($0)\n" }.joined()).utf8).write(to: root.appendingPathComponent("termgraph.yml"))
        for i in 0..<13 {
            let links = i == 0 ? "[a](/h1) [b](/h2) [c](/h12)" : "[next](/h\((i + 1) % 13))"
            try Data((links + "\n").utf8).write(to: root.appendingPathComponent("h\(i).md"))
        }
        let run = try Run(["stats", "--corpus", root.path])
        #expect(run.stdout.hasSuffix("edges between categories (row → column):\n"
            + "  1  c0 → c1\n  1  c0 → c2\n  1  c0 → c12\n"
            + (1..<13).map { "  1  c\($0) → c\(($0 + 1) % 13)\n" }.joined()))
    }

    @Test func pathLimitAboveTenThousandIsAUsageError() throws {
        let corpus = try glossary()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let run = try Run(["path", "--corpus", corpus.path, "frontoffice", "backoffice", "--all", "--limit", "10001"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--limit must be at most 10000."))
        #expect(try Run(["path", "--corpus", corpus.path, "frontoffice", "backoffice", "--all", "--limit", "10000"]).status == 0)
    }

    @Test func exportWritesTheStandardFormatsByDefault() throws {
        let corpus = try glossary()
        // Beside the corpus: a folder inside it would need --force.
        let out = corpus.appendingPathExtension("out")
        defer { try? FileManager.default.removeItem(at: corpus); try? FileManager.default.removeItem(at: out) }
        let run = try Run(["export", "--corpus", corpus.path, "--out-dir", out.path])
        #expect(run.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                == ["graph.dot", "graph.gexf", "graph.graphml", "graph.json", "graph.ttl", "neo4j"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("neo4j").path).sorted()
                == ["import.cypher", "links.csv", "nodes.csv"])
        #expect(run.stdout.contains("wrote \(out.appendingPathComponent("neo4j").path)/ ("))
        let noStubs = try Run(["export", "--corpus", corpus.path, "--output", out.appendingPathComponent("g.dot").path, "--no-stubs"])
        #expect(noStubs.stdout.hasSuffix("(5 nodes, 4 edges)\n"))
    }

    @Test func helpListsEverySubcommand() throws {
        let help = try Run(["--help"])
        #expect(help.status == 0)
        for command in ["export", "path", "neighbors", "orphans", "stats", "check", "links"] {
            #expect(help.stdout.contains("\n  \(command) "))
            let sub = try Run([command, "--help"])
            #expect(sub.status == 0)
            #expect(sub.stdout.contains("--corpus <dir>"))
            #expect(sub.stdout.contains("--json"))
        }
        #expect(try Run(["neighbors", "--help"]).stdout.contains("--direction <direction>"))
        #expect(try Run(["export", "--help"]).stdout.contains("--no-stubs"))
    }
}
