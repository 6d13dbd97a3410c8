import TermgraphCorpus
import Testing

/// Front matter built to make a naive reader quadratic or to slip past the size limit. At these
/// sizes a quadratic reader takes minutes; the time limit is a hang guard, not a performance
/// assertion.
@Suite(.timeLimit(.minutes(1))) struct HostileFrontMatterTests {
    private let tooLarge = FrontMatterError(line: 2, message: "front matter is larger than 256 KiB")

    private func plainKeys(_ count: Int) -> String {
        (0..<count).map { "k\($0): v\n" }.joined()
    }

    /// 200,000 plain `key: value` lines (2.8 MB) took 40 s and were read in full, while the same
    /// lines after one quoted key were refused at once.
    @Test func plainFrontMatterPastTheSizeLimitIsRefused() {
        let lines = (0..<200_000).map { "key\($0): value\n" }.joined()
        #expect(throws: tooLarge) { try FrontMatter.parse(yaml: lines, firstLine: 2) }
        #expect(throws: tooLarge) { try FrontMatter.parse(yaml: "\"quoted\": x\n" + lines, firstLine: 2) }
        let markdown = "---\n" + lines + "---\n[b](/b)\n"
        #expect(throws: Problem(file: "a.md", line: 2, kind: .frontMatter, message: "front matter is larger than 256 KiB")) {
            try MarkdownFormat().read(Array(markdown.utf8), path: "a.md")
        }
    }

    /// 256 lines of exactly 1 KiB are at the limit: read by either reader; one line more is
    /// refused by either.
    @Test func theLimitIsTheSameForEitherReader() throws {
        func line(_ i: Int) -> String {
            let key = "k" + String(repeating: "0", count: 3 - String(i).count) + String(i)
            return key + ": " + String(repeating: "v", count: 1024 - key.utf8.count - 3) + "\n"
        }
        let plain = (0..<256).map(line).joined()
        let withQuotedKey = "\"k000\": " + String(repeating: "v", count: 1015) + "\n" + (1..<256).map(line).joined()
        #expect(plain.utf8.count == 256 * 1024 && withQuotedKey.utf8.count == 256 * 1024)
        #expect(try FrontMatter.parse(yaml: plain, firstLine: 2).entries.count == 256)
        #expect(try FrontMatter.parse(yaml: withQuotedKey, firstLine: 2).entries.count == 256)
        #expect(throws: tooLarge) { try FrontMatter.parse(yaml: plain + "x: y\n", firstLine: 2) }
        #expect(throws: tooLarge) { try FrontMatter.parse(yaml: withQuotedKey + "x: y\n", firstLine: 2) }
    }

    /// 23,000 keys fit in 256 KiB: each is read, in order, without comparing it with every other.
    @Test func thousandsOfPlainKeysAreReadInOrder() throws {
        let front = try FrontMatter.parse(yaml: plainKeys(23_000), firstLine: 2)
        #expect(front.entries.count == 23_000)
        #expect(front.entries.indices.allSatisfy { front.entries[$0].key == "k\($0)" && front.entries[$0].value == .text("v") })
        #expect(throws: FrontMatterError(line: 23_002, message: "duplicate key \"k0\"")) {
            try FrontMatter.parse(yaml: plainKeys(23_000) + "k0: again\n", firstLine: 2)
        }
    }

    /// Lists of two aliases of the list before, thirty deep, and one key that holds the last:
    /// 61 aliases, under the limit of 64, but the YAML parser hashed that key as 2³¹ values
    /// (it checks every mapping for repeated keys) and never finished. Tabs between the
    /// aliases used to hide them from the count as well.
    @Test func aliasesOfAnchoredListsInsideOtherAnchoredListsAreRefused() {
        let nested = "l0: &l0 [x, x]\n" + (1...30).map { "l\($0): &l\($0) [*l\($0 - 1), *l\($0 - 1)]\n" }.joined() + "k: {*l30 : 1}\n"
        let refused = FrontMatterError(line: 2, message: "front matter names more than one YAML list or mapping with an anchor and uses aliases; an alias of an alias can stand for billions of values")
        #expect(throws: refused) { try FrontMatter.parse(yaml: nested, firstLine: 2) }
        let block = "a: &a\n  - x\n  - y\nb: &b\n  - *a\n  - *a\n? *b\n: 1\n"
        #expect(throws: refused) { try FrontMatter.parse(yaml: block, firstLine: 2) }
        let tabbed = "a: &a [x, x]\n" + (1...70).map { "l\($0): [*a,\t*a]\n" }.joined()
        #expect(throws: FrontMatterError(line: 2, message: "front matter uses more than 64 YAML aliases")) {
            try FrontMatter.parse(yaml: tabbed, firstLine: 2)
        }
    }

    /// What aliases are for still works: anchored scalars used anywhere, one anchored list used
    /// again, and asterisks and ampersands in text.
    @Test func aliasesOfScalarsAndOfOneListAreRead() throws {
        let front = try FrontMatter.parse(yaml: """
            title: &t Clearing & settlement
            description: "*emphasis*, R&D & an &ampersand too"
            short: *t
            keywords: &k [a, b]
            tags: *k
            notes: |
              * a list item
              * another *one*
            """, firstLine: 2)
        #expect(front["short"] == .text("Clearing & settlement"))
        #expect(front["description"] == .text("*emphasis*, R&D & an &ampersand too"))
        #expect(front["tags"] == .list(["a", "b"]))
        #expect(front["notes"] == .text("* a list item\n* another *one*"))
    }
}

