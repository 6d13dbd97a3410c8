import TermgraphCore
import TermgraphGraph

/// Writes a graph as a SKOS thesaurus in RDF Turtle, for Skosmos, VocBench or PoolParty.
///
/// One `skos:ConceptScheme` (its IRI is the base IRI itself); one `skos:Concept` per article at
/// base + slug, with `skos:prefLabel` = title, `skos:altLabel` = the aliases that are names,
/// `skos:definition` = description, each tagged with the article's `lang` or the corpus
/// language; one `skos:Collection` per category (base + `category:` + name) with every member;
/// hubs are top concepts; a link between articles is `dcterms:references`, and two articles
/// that link to each other are `skos:related` both ways. Stubs are not concepts.
///
/// SKOS's integrity conditions hold by construction: an alias equal to the title (after the
/// text is cleaned as every export cleans it) is not an `altLabel` (S13), and a concept has one
/// `prefLabel`, in one language (S14).
///
/// ```swift
/// let turtle = try SKOSExporter().bytes(graph, context: ExportContext(graph, settings: ExportSettings(iri: "https://example.com/terms/")))
/// ```
struct SKOSWriter {
    let graph: KnowledgeGraph
    let settings: ExportSettings

    static let defaultBase = "urn:x-termgraph:"

    var base: String { IRIText.base(settings.iri ?? settings.site ?? Self.defaultBase) }

    func write(to sink: ([UInt8]) -> Bool) {
        let base = self.base
        let scheme = "<" + base + ">"
        let language = Self.tag(graph.language)
        let hubs = hubNodes()
        PieceOutput.stream(to: sink) { out in
            out.put("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n")
            out.put("@prefix dcterms: <http://purl.org/dc/terms/> .\n\n")
            out.put(scheme); out.put(" a skos:ConceptScheme")
            if let title = graph.title, !title.isEmpty { out.put(" ;\n    dcterms:title "); literal(title, language, to: &out.bytes) }
            let tops = hubs.compactMap { $0 }.sorted()
            if !tops.isEmpty { out.put(" ;\n    skos:hasTopConcept "); list(tops, base, to: &out) }
            out.put(" .\n")
            var members = Array(repeating: [Int](), count: graph.categoryNames.count)
            let isHub = Set(hubs.compactMap { $0 })
            for v in 0..<graph.nodeCount where !graph.nodes.isStub(v) {
                if let c = graph.nodes.category(v) { members[c].append(v) }
                writeConcept(v, base: base, scheme: scheme, isHub: isHub.contains(v), language: language, to: &out)
                guard out.flushIfFull() else { return }
            }
            for (c, name) in graph.categoryNames.enumerated() where !members[c].isEmpty {
                out.put("\n<"); out.put(base); out.put("category:"); out.put(IRIText.segment(name)); out.put("> a skos:Collection ;\n")
                out.put("    skos:prefLabel "); literal(name, nil, to: &out.bytes)
                out.put(" ;\n    skos:member "); list(members[c], base, to: &out); out.put(" .\n")
                guard out.flushIfFull() else { return }
            }
        }
    }

    /// Category index → its hub's node, when the hub is in this graph as a member of it.
    private func hubNodes() -> [Int?] {
        graph.categoryNames.indices.map { c in
            guard c < settings.hubs.count, let hub = settings.hubs[c],
                  let v = graph.index(ofKey: TermKey.normalize(TermKey.trimSlashes(hub))),
                  !graph.nodes.isStub(v), graph.nodes.category(v) == c else { return nil }
            return v
        }
    }

    private func writeConcept(_ v: Int, base: String, scheme: String, isHub: Bool, language: String?, to out: inout PieceOutput) {
        let node = graph.nodes[v]
        let tag = Self.tag(node.attributes.first { $0.name == "lang" }.flatMap { if case .text(let t) = $0.value { t } else { nil } }) ?? language
        out.put("\n"); concept(v, base, to: &out); out.put(" a skos:Concept ;\n    skos:inScheme "); out.put(scheme)
        if isHub { out.put(" ;\n    skos:topConceptOf "); out.put(scheme) }
        let title = Self.cleaned(node.title)
        out.put(" ;\n    skos:prefLabel "); literal(title, tag, to: &out.bytes)
        var seen: Set<String> = [title]
        let names = node.aliases.filter { !$0.hasPrefix("/") }.map(Self.cleaned).filter { !$0.isEmpty && seen.insert($0).inserted }
        if !names.isEmpty {
            out.put(" ;\n    skos:altLabel ")
            for (i, name) in names.enumerated() {
                if i > 0 { out.put(", ") }
                literal(name, tag, to: &out.bytes)
            }
        }
        if let description = node.description.map(Self.cleaned), !description.isEmpty {
            out.put(" ;\n    skos:definition "); literal(description, tag, to: &out.bytes)
        }
        let targets = graph.successors(of: v).map(Int.init).filter { !graph.nodes.isStub($0) }
        if !targets.isEmpty {
            out.put(" ;\n    dcterms:references "); list(targets, base, to: &out)
            let mutual = targets.filter { graph.edge(from: $0, to: v) != nil }
            if !mutual.isEmpty { out.put(" ;\n    skos:related "); list(mutual, base, to: &out) }
        }
        out.put(" .\n")
    }

    private func concept(_ v: Int, _ base: String, to out: inout PieceOutput) {
        out.put("<"); out.put(base); out.put(IRIText.segment(graph.nodes[v].slug)); out.put(">")
    }

    private func list(_ nodes: [Int], _ base: String, to out: inout PieceOutput) {
        for (i, v) in nodes.enumerated() {
            if i > 0 { out.put(", ") }
            concept(v, base, to: &out)
        }
    }

    /// A Turtle string literal with its language tag. Turtle's string escapes (`\"`, `\\`,
    /// `\n`, `\r`, `\t`) are JSON's, and so is the cleaning: the JSON string writer serves both.
    private func literal(_ text: String, _ tag: String?, to out: inout [UInt8]) {
        JSONText.appendString(text, to: &out)
        if let tag { out.append(UInt8(ascii: "@")); out.append(contentsOf: tag.utf8) }
    }

    /// The text as every export writes it: the characters XML 1.0 forbids dropped.
    static func cleaned(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.filter { !isForbidden($0) })
        return String(out)
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }

    /// `language` when it is a well-formed language tag (Turtle's `[a-zA-Z]+ ('-' [a-zA-Z0-9]+)*`),
    /// else nil: a label without a tag rather than a file no parser reads.
    static func tag(_ language: String?) -> String? {
        guard let language, !language.isEmpty else { return nil }
        let parts = language.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, first.allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.dropFirst().allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return nil }
        return language
    }
}
