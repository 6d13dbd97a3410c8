import Foundation
import TermgraphCore
import TermgraphGraph
@testable import TermgraphTerms
import TestSupport
import Testing

@Suite struct TermIndexTests {
    /// A small Arabic glossary: titles without the article, anchors with prefixes.
    let graph: KnowledgeGraph = {
        let nodes = [
            Node(slug: "middleoffice", key: "middleoffice", title: "مكتب أوسط", aliases: ["Middle Office"]),
            Node(slug: "frontoffice", key: "frontoffice", title: "مكتب أمامي", aliases: ["Front Office"]),
            Node(slug: "broker", key: "broker", title: "وسيط", aliases: ["Broker"]),
            Node(slug: "settlement", key: "settlement", title: "تسوية"),
            Node(slug: "clearing", key: "clearing", title: "مقاصة"),
            Node(slug: "risk-a", key: "risk-a", title: "Risk"),
            Node(slug: "risk-b", key: "risk-b", title: "risk"),
        ]
        let edges = [
            EdgeRecord(source: 1, target: 0, anchors: ["والمكتب الأوسط"]),
            EdgeRecord(source: 0, target: 3, anchors: ["التسويات"]),
            EdgeRecord(source: 3, target: 4, anchors: ["فالمقاصة"]),
        ]
        return KnowledgeGraph(nodes: nodes, edges: edges)
    }()

    private func slug(_ term: String) -> String? {
        if case .found(let v) = TermIndex(graph).resolve(term) { return graph.nodes[v].slug }
        return nil
    }

    @Test func conjunctionAndArticleAreDroppedToMatchTheTitle() {
        #expect(slug("والمكتب الأوسط") == "middleoffice")
        #expect(slug("المكتب الأمامي") == "frontoffice")
        #expect(slug("فالمقاصة") == "clearing")
    }

    @Test func hamzaHarakatAndTatweelFold() {
        #expect(slug("مكتب اوسط") == "middleoffice")
        #expect(slug("مَكْتَبُ أَوْسَط") == "middleoffice")
        #expect(slug("مكـــتب أمامي") == "frontoffice")
        #expect(slug("تسويه") == "settlement")  // ة written as ه
    }

    @Test func aWordThatStartsWithWawIsNotStripped() {
        #expect(slug("وسيط") == "broker")
        #expect(slug("الوسيط") == "broker")
    }

    @Test func slugsAliasesAndCaseFold() {
        #expect(slug("SETTLEMENT") == "settlement")
        #expect(slug("/settlement/") == "settlement")
        #expect(slug("front office") == "frontoffice")
    }

    @Test func anchorTextFindsTheTermItLinksTo() {
        #expect(slug("التسويات") == "settlement")
    }

    @Test func ambiguityListsTheCandidates() {
        let risk = graph.nodes.indices.filter { graph.nodes[$0].slug.hasPrefix("risk") }
        #expect(TermIndex(graph).resolve("RISK") == .ambiguous(risk))
    }

    @Test func unknownTermsGetNearSuggestions() {
        guard case .unknown(let suggestions) = TermIndex(graph).resolve("settlment") else {
            Issue.record("expected an unknown term")
            return
        }
        #expect(suggestions.map { graph.nodes[$0].slug } == ["settlement"])
        #expect(TermIndex(graph).resolve("zzzzzzzzzz") == .unknown(suggestions: []))
    }

    @Test func persianLettersFoldToTheirArabicForms() {
        #expect(TermFolding.fold("کیۀ") == "كيه")  // keheh, Farsi yeh, heh with yeh above
        #expect(slug("مکتب اوسط") == "middleoffice")
        #expect(slug("تسویة") == "settlement")
    }

    @Test func aQuerysPrepositionIsDroppedToMatch() {
        #expect(slug("بالتسوية") == "settlement")
        #expect(slug("وبالتسوية") == "settlement")
        #expect(slug("للمكتب الأوسط") == "middleoffice")
        #expect(slug("كالوسيط") == "broker")
        #expect(slug("لمقاصة") == "clearing")
    }

    @Test func aNamesFirstLettersAreNeverTakenForAPreposition() {
        // بنك and كتاب start with ب and ك; their names are not cut down to نك or تاب.
        let graph = KnowledgeGraph(nodes: [Node(slug: "bank", key: "bank", title: "بنك"),
                                           Node(slug: "book", key: "book", title: "كتاب")], edges: [])
        let index = TermIndex(graph)
        // Neither is found; each is only suggested, as a name that holds the query.
        #expect(index.resolve("نك") == .unknown(suggestions: [0]))
        #expect(index.resolve("تاب") == .unknown(suggestions: [1]))
        #expect(index.resolve("بالبنك") == .found(0))
    }

    /// The ranked search of `terms`: kind first, then shorter names, then slug order.
    @Test func searchRanksByHowTheNameMatches() {
        let index = TermIndex(graph)
        func hits(_ query: String, limit: Int = 10) -> [String] {
            index.search(query, limit: limit).map { "\(graph.nodes[$0.node].slug):\($0.kind.name):\($0.name)" }
        }
        #expect(hits("مكتب") == ["middleoffice:prefix:title", "frontoffice:prefix:title"])
        #expect(hits("أوسط") == ["middleoffice:word-prefix:title", "broker:similar:title"])
        #expect(hits("office") == ["frontoffice:word-prefix:alias", "middleoffice:word-prefix:alias"])
        #expect(hits("ttle") == ["settlement:contains:slug"])
        #expect(hits("settlment") == ["settlement:similar:slug"])
        #expect(hits("risk") == ["risk-a:exact:title", "risk-b:exact:title"])
        #expect(hits("التسويات") == ["settlement:exact:anchor"])
        #expect(hits("مكتب", limit: 1) == ["middleoffice:prefix:title"])
        #expect(hits("") == [] && hits("zzzzzzzzzz") == [])
        // A word's article is skipped when telling where a word starts.
        let risks = KnowledgeGraph(nodes: [Node(slug: "management", key: "management", title: "إدارة المخاطر"),
                                           Node(slug: "hazard", key: "hazard", title: "أخطار")], edges: [])
        #expect(TermIndex(risks).search("مخاطر", limit: 5).map(\.kind) == [.wordPrefix])
        #expect(TermIndex.writtenName(of: TermIndex(risks).search("مخاطر", limit: 5)[0], in: risks) == "إدارة المخاطر")
    }

    @Test func unknownTermsAreSuggestedWhatStartsWithOrHoldsThem() {
        guard case .unknown(let suggestions) = TermIndex(graph).resolve("مكت") else {
            Issue.record("expected an unknown term")
            return
        }
        #expect(suggestions.map { graph.nodes[$0].slug } == ["middleoffice", "frontoffice"])
    }

    @Test func foldingMatchesTheContract() {
        #expect(TermFolding.fold("  أإآٱ  ةىؤئ ") == "اااا هيوي")
        #expect(TermFolding.fold("Straße") == "strasse")
        #expect(TermFolding.fold("ﻣﻜﺘﺐ") == "مكتب")  // presentation forms, NFKC
    }
}

@Suite struct FoldingFastPathTests {
    /// The fast path must give exactly what full NFKC and case folding give.
    @Test func fastPathAgreesWithFoundation() {
        let samples = ["Back Office", "المكتب الأوسط", "مَكْتَبٌ", "ٱلْمَكْتَب", "ABC xyz 123", "وَالتَّسْوِيَة", "٠١٢٣ أرقام", "ـتطويلـ"]
        for text in samples {
            #expect(!TermFolding.needsUnicodeNormalization(text), "\(text)")
            let slow = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
            #expect(TermFolding.fold(text) == TermFolding.fold(slow + ""), "\(text)")
        }
        // Combining hamza after ae (U+06D5) composes to U+06C0 under NFKC: the slow path must be taken.
        #expect(TermFolding.needsUnicodeNormalization("\u{06D5}\u{0654}"))
        // ... and ۀ, like ة, folds to ه (§3).
        #expect(TermFolding.fold("\u{06D5}\u{0654}") == "\u{0647}")
        #expect(TermFolding.needsUnicodeNormalization("ﻣﻜﺘﺐ"))
    }
}

@Suite struct EditDistanceTests {
    /// The full table, every cell: what the banded distance must agree with.
    private func fullDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var row = Array(0...b.count)
        for i in 1..<(a.count + 1) {
            var diagonal = row[0]
            row[0] = i
            for j in 1..<(b.count + 1) {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }

    /// Over many short words of a small alphabet (so that distances of every size occur), the
    /// banded distance is the full table's when that is within the limit, else `limit + 1`.
    @Test func theBandGivesTheFullTablesDistanceWithinTheLimit() {
        var random = SeededRandom(seed: 7)
        let letters: [Unicode.Scalar] = ["a", "b", "c", "م"]
        for _ in 0..<3000 {
            let a = (0..<Int.random(in: 0...9, using: &random)).map { _ in letters.randomElement(using: &random)! }
            let b = (0..<Int.random(in: 0...9, using: &random)).map { _ in letters.randomElement(using: &random)! }
            let limit = Int.random(in: 0...6, using: &random)
            let full = fullDistance(a, b)
            #expect(editDistance(a, b, limit: limit) == (full <= limit ? full : limit + 1), "\(a) \(b) \(limit)")
        }
    }

    /// A term of 100,000 letters against a title of as many: comparing them used to fill a table
    /// of 100,000 × 33,000 cells (ten seconds and more a name); the band of at most
    /// `mostEdits` either side of the diagonal makes it a few million.
    @Test func aHugeTermAgainstAHugeTitleIsQuick() {
        let long = String(repeating: "b", count: 100_000)
        let nodes = [Node(slug: "long", key: "long", title: long), Node(slug: "short", key: "short", title: "Short")]
        let index = TermIndex(KnowledgeGraph(nodes: nodes, edges: []))
        let clock = ContinuousClock()
        var typo = long
        typo.replaceSubrange(typo.index(typo.startIndex, offsetBy: 50_000)..<typo.index(typo.startIndex, offsetBy: 50_003), with: "xyz")
        var hits: [TermHit] = []
        let elapsed = clock.measure { hits = index.search(typo, limit: 5) }
        #expect(hits.map { "\($0.node):\($0.kind.name)" } == ["0:similar"])
        #expect(index.search(String(repeating: "a", count: 100_000), limit: 5).isEmpty)
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}

@Suite struct SortedTableSearchTests {
    private func table(_ keys: [String]) -> SortedTable {
        let sorted = Array(Set(keys)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var bytes: [UInt8] = [], offsets: [Int32] = [0]
        for key in sorted {
            bytes += key.utf8
            offsets.append(Int32(bytes.count))
        }
        return SortedTable(keyBytes: bytes, keyOffsets: offsets, nodeOffsets: (0...sorted.count).map(Int32.init),
                           nodes: (0..<sorted.count).map(Int32.init))
    }

    /// Each key's first place of the needle, by looking at every place: what the search gives.
    private func expected(_ table: SortedTable, _ needle: [UInt8]) -> [String] {
        (0..<table.count).compactMap { k in
            let key = Array(table.keyBytes(k))
            guard key.count >= needle.count,
                  let at = (0...(key.count - needle.count)).first(where: { key[$0..<($0 + needle.count)].elementsEqual(needle) }) else { return nil }
            return "\(k)@\(at)"
        }
    }

    /// Needles on either side of the short-needle bound, over keys of two letters that repeat
    /// (where a needle's prefix comes back inside itself), agree with looking at every place.
    @Test func longAndShortNeedlesFindTheFirstPlaceInEveryKey() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<60 {
            let keys = (0..<30).map { _ in String((0..<Int.random(in: 40...200, using: &random)).map { _ in Bool.random(using: &random) ? "a" : "b" }) }
            let table = table(keys)
            for length in [60, 64, 65, 70, 90] {
                let source = Array(table.keyBytes(Int.random(in: 0..<table.count, using: &random)))
                guard source.count >= length else { continue }
                let start = Int.random(in: 0...(source.count - length), using: &random)
                for needle in [Array(source[start..<(start + length)]), (0..<length).map { _ in Bool.random(using: &random) ? 0x61 : 0x62 }] {
                    #expect(table.keys(containing: needle).map { "\($0.key)@\($0.offset)" } == expected(table, needle))
                }
            }
        }
    }

    /// `aaa…ab` (100,000 bytes) against a title of two million `a`: comparing at every place took
    /// half a minute through `termgraph terms`.
    @Test func aLongNeedleInARepetitiveKeyIsLinear() {
        let table = table([String(repeating: "a", count: 2_000_000), "b"])
        let clock = ContinuousClock()
        var found: [(key: Int, offset: Int)] = []
        let elapsed = clock.measure { found = table.keys(containing: Array(repeating: 0x61, count: 100_000) + [0x62]) }
        #expect(found.isEmpty)
        #expect(elapsed < .seconds(10), "\(elapsed)")
        #expect(table.keys(containing: Array(repeating: 0x61, count: 100_000)).map(\.offset) == [0])
    }
}
