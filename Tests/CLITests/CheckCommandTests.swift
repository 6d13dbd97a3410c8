import Foundation
import Testing

/// `check` for editors and CI: paths as typed from the current folder, kinds, formats, baselines.
@Suite(.serialized) struct CheckCommandTests {
    /// A corpus with one wanted link and one broken front matter, in `parent/notes`.
    private func corpus() throws -> (parent: URL, notes: URL) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString)")
        let notes = parent.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes.appendingPathComponent("a,b"), withIntermediateDirectories: true)
        try Data("---\ntitle: Alpha\n---\nSee [x](/missing).\n".utf8).write(to: notes.appendingPathComponent("alpha.md"))
        try Data("---\ntitle: [unclosed\n---\n".utf8).write(to: notes.appendingPathComponent("a,b/bad:1%.md"))
        return (parent, notes)
    }

    @Test func pathsAreRelativeToTheCurrentFolder() throws {
        let (parent, notes) = try corpus()
        defer { try? FileManager.default.removeItem(at: parent) }
        let fromParent = try Run(["check", "--corpus", "notes", "--no-cache"], in: parent)
        #expect(fromParent.status == 1)
        #expect(fromParent.stderr == "")  // no "run termgraph check" warning from check itself
        #expect(fromParent.stdout == """
            notes/a,b/bad:1%.md:3: front-matter: did not find expected ',' or ']' (while parsing a flow sequence)
            notes/alpha.md:4: wanted-link: link to "/missing" matches no article
            2 problems

            """)
        let fromInside = try Run(["check", "--corpus", "..", "--no-cache", "--kind", "wanted-link"], in: notes.appendingPathComponent("a,b"))
        #expect(fromInside.stdout == "../alpha.md:4: wanted-link: link to \"/missing\" matches no article\n1 problem\n")
    }

    @Test func kindsFilterAndAnUnknownKindIsAUsageError() throws {
        let (parent, _) = try corpus()
        defer { try? FileManager.default.removeItem(at: parent) }
        let front = try Run(["check", "--corpus", "notes", "--no-cache", "--kind", "front-matter", "--json"], in: parent)
        let answer = try JSONSerialization.jsonObject(with: Data(front.stdout.utf8)) as! [String: Any]
        let problems = answer["problems"] as! [[String: Any]]
        #expect(problems.map { $0["kind"] as! String } == ["front-matter"])
        #expect(problems[0]["file"] as? String == "notes/a,b/bad:1%.md")
        #expect(answer["baselined"] == nil)
        let both = try Run(["check", "--corpus", "notes", "--no-cache", "--kind", "front-matter", "--kind", "wanted-link"], in: parent)
        #expect(both.stdout.hasSuffix("\n2 problems\n"))
        let wrong = try Run(["check", "--corpus", "notes", "--kind", "typo"], in: parent)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("'typo'"))
    }

    @Test func aBaselineHoldsBackKnownProblemsOnly() throws {
        let (parent, notes) = try corpus()
        defer { try? FileManager.default.removeItem(at: parent) }
        let write = try Run(["check", "--corpus", "notes", "--no-cache", "--write-baseline", "known.json"], in: parent)
        #expect(write.status == 0)
        #expect(write.stderr == "wrote 2 problems to known.json\n")
        let clean = try Run(["check", "--corpus", "notes", "--no-cache", "--baseline", "known.json"], in: parent)
        #expect(clean.status == 0)
        #expect(clean.stdout == "no problems (and 2 in the baseline)\n")
        // Lines moved by an edit above a known problem: still known. A new wanted link: not.
        try Data("---\ntitle: Alpha\n---\n\nSee [x](/missing) and [y](/other).\n".utf8).write(to: notes.appendingPathComponent("alpha.md"))
        let fresh = try Run(["check", "--corpus", "notes", "--no-cache", "--baseline", "known.json", "--json"], in: parent)
        #expect(fresh.status == 1)
        let answer = try JSONSerialization.jsonObject(with: Data(fresh.stdout.utf8)) as! [String: Any]
        #expect((answer["problems"] as! [[String: Any]]).map { $0["message"] as! String } == ["link to \"/other\" matches no article"])
        #expect(answer["baselined"] as? Int == 2)
        let missing = try Run(["check", "--corpus", "notes", "--baseline", "nowhere.json"], in: parent)
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: no baseline nowhere.json; write one with --write-baseline nowhere.json\n")
        try Data("{\"problems\": 3}".utf8).write(to: parent.appendingPathComponent("bad.json"))
        let bad = try Run(["check", "--corpus", "notes", "--baseline", "bad.json"], in: parent)
        #expect(bad.status == 2 && bad.stderr.hasPrefix("error: bad.json is not a baseline written by --write-baseline"))
    }

    /// `--write-baseline` to a FIFO or a device writes into it as exports do. It used to
    /// replace whatever stood at the path with a regular file: run as root, `--write-baseline
    /// /dev/full` put a file in the place of the device and said it had written the baseline.
    @Test func aBaselineGoesIntoAFIFOOrDeviceWithoutReplacingIt() throws {
        let (parent, _) = try corpus()
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(try Run(["check", "--corpus", "notes", "--no-cache", "--write-baseline", "known.json"], in: parent).status == 0)
        let known = try String(contentsOf: parent.appendingPathComponent("known.json"), encoding: .utf8)
        func type(_ path: String) -> mode_t {
            var info = stat()
            return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
        }

        let fifo = parent.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Open for reading and writing: the writer finds a reader, and the baseline fits in the
        // pipe's buffer.
        let reader = open(fifo, O_RDWR | O_NONBLOCK)
        defer { close(reader) }
        let piped = try Run(["check", "--corpus", "notes", "--no-cache", "--write-baseline", fifo], in: parent)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(type(fifo) == S_IFIFO)
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer[..<max(n, 0)], as: UTF8.self) == known)

        // A copy of /dev/full (1, 7), so that the real one is never at risk.
        guard geteuid() == 0 else { return }
        let full = parent.appendingPathComponent("full").path
        #expect(mknod(full, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0)
        let failed = try Run(["check", "--corpus", "notes", "--no-cache", "--write-baseline", full], in: parent)
        #expect(failed.status == 2)
        #expect(failed.stderr == "error: cannot write the baseline \(full): cannot write \(full): No space left on device\n")
        #expect(type(full) == S_IFCHR)
    }

    @Test func githubAnnotationsEscapeWhatTheRunnerWouldRead() throws {
        let (parent, _) = try corpus()
        defer { try? FileManager.default.removeItem(at: parent) }
        let github = try Run(["check", "--corpus", "notes", "--no-cache", "--format", "github", "--kind", "wanted-link"], in: parent)
        #expect(github.status == 1)
        #expect(github.stdout == "::error file=notes/alpha.md,line=4,title=termgraph wanted-link::link to \"/missing\" matches no article\n")
        let front = try Run(["check", "--corpus", "notes", "--no-cache", "--format", "github", "--kind", "front-matter"], in: parent)
        #expect(front.stdout == "::error file=notes/a%2Cb/bad%3A1%25.md,line=3,title=termgraph front-matter::"
                + "did not find expected ',' or ']' (while parsing a flow sequence)\n")
    }
}
