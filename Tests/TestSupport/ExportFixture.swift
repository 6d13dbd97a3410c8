import TermgraphGraph

/// A small glossary that exercises every export: two categorised articles (one inferred), one
/// without category under a path slug, a stub, links both ways, lists with `;` and `%`, aliases
/// that repeat the title or are `/`-aliases, and front-matter keys that clash with built-in names.
public func exportFixture() -> KnowledgeGraph {
    let nodes = [
        Node(slug: "backoffice", key: "backoffice", title: "مكتب خلفي", description: "Settlement, \"records\" & more",
             keywords: ["Back Office", "a;b%c"], aliases: ["Back Office", "مكتب خلفي", "/old-back"], category: 0, path: "backoffice.md",
             attributes: [NodeAttribute(name: "lang", value: .text("ar")), NodeAttribute(name: "tags", value: .list(["x", "y"])),
                          NodeAttribute(name: "weight", value: .text("7"))]),
        Node(slug: "settlement", key: "settlement", title: "تسوية", description: "line1\nline2", aliases: ["Settlement"],
             category: 0, categoryInferred: true, path: "settlement.md", attributes: [NodeAttribute(name: "tags", value: .list(["z"]))]),
        Node(slug: "Web/API", key: "web/api", title: "Web API", path: "web/api.md", attributes: [NodeAttribute(name: "lang", value: .text("en"))]),
        Node(slug: "missing", key: "missing", title: "مفقود", isStub: true),
    ]
    let edges = [
        EdgeRecord(source: 0, target: 1, weight: 3, anchors: ["التسوية", "again"]),
        EdgeRecord(source: 1, target: 0, weight: 1, anchors: ["back"]),
        EdgeRecord(source: 0, target: 3, weight: 1, anchors: ["مفقود"]),
        EdgeRecord(source: 2, target: 0, weight: 2, anchors: []),
    ]
    return KnowledgeGraph(nodes: nodes, edges: edges, categoryNames: ["back"], title: "Glossary", language: "ar")
}
