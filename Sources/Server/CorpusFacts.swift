import TermgraphKit

/// What the page needs to know about the corpus before it shows anything: its title, its
/// language, and which way its text reads (`/api/corpus`).
struct CorpusFacts: Encodable {
    let title: String?
    let language: String?
    /// Category names in termgraph.yml's order (the stats answer keys them, which sorts them).
    let categories: [String]
    /// `rtl` or `ltr`: from the corpus language when termgraph.yml names one, else from the
    /// script most titles are written in.
    let direction: String

    /// Languages written right to left, by their primary subtag.
    private static let rightToLeft: Set<String> = ["ar", "fa", "he", "ur", "ps", "yi", "ckb", "dv", "sd", "ug", "ku", "syr"]

    init(_ graph: KnowledgeGraph) {
        title = graph.title
        language = graph.language
        categories = graph.categoryNames
        if let language, let primary = language.lowercased().split(separator: "-").first {
            direction = Self.rightToLeft.contains(String(primary)) ? "rtl" : "ltr"
        } else {
            let sample = graph.nodes.indices.prefix(200).map { graph.nodes[$0].title }
            let rtl = sample.filter(Self.readsRightToLeft).count
            direction = rtl * 2 > sample.count ? "rtl" : "ltr"
        }
    }

    /// Whether the first strong letter of `text` is Hebrew, Arabic, Syriac, Thaana or N'Ko.
    private static func readsRightToLeft(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            return (0x0590...0x08FF).contains(scalar.value) || (0xFB1D...0xFDFF).contains(scalar.value) || (0xFE70...0xFEFF).contains(scalar.value)
        }
        return false
    }
}
