import Foundation
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
        #expect(TermFolding.fold("\u{06D5}\u{0654}") == "\u{06C0}")
        #expect(TermFolding.needsUnicodeNormalization("ﻣﻜﺘﺐ"))
    }
}
