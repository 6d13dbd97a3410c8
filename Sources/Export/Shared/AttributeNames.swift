import TermgraphGraph

/// The names every export gives the attributes it writes, so that a reader sees the same
/// attributes in GraphML, JSON, GEXF and Neo4j: the built-in ones, and one name per front-matter
/// key the contract does not define.
///
/// A front-matter key keeps its name when that is a plain token (letters, digits, `-`, `.`,
/// `_`) that no format reserves; otherwise it gets the prefix `fm_` (and `_2`, `_3` … until unique).
/// Reserved are the built-in names, `name` (Cytoscape's label), and the names NetworkX and Gephi
/// give meaning to in a node: `id`, `pid` (GEXF's parent id), `start`, `end`, `viz`, `spells`.
///
/// ```swift
/// AttributeNames(graph).extra   // [(attribute: "weight", name: "fm_weight", allLists: false), …]
/// ```
public struct AttributeNames: Sendable {
    /// A front-matter attribute: its key as written, its name in exports, and whether every
    /// value it has is a list (Neo4j then types it `string[]`).
    public struct Extra: Sendable, Equatable {
        public let attribute: String
        public let name: String
        public let allLists: Bool
    }

    /// In first-seen node order.
    public let extra: [Extra]
    private let index: [String: Int]

    /// Node attributes every export writes (GraphML's names; Neo4j calls `label` `title`), with
    /// their GraphML types.
    static let builtInNode: [(name: String, type: StaticString)] = [
        ("label", "string"), ("slug", "string"), ("description", "string"), ("keywords", "string"),
        ("aliases", "string"), ("category", "string"), ("category_inferred", "boolean"), ("stub", "boolean"), ("path", "string"),
    ]
    static let builtInEdge: [(name: String, type: StaticString)] = [("weight", "int"), ("anchors", "string")]
    static let builtInGraph: [(name: String, type: StaticString)] = [("title", "string"), ("language", "string")]
    static let reserved: Set<String> = Set((builtInNode + builtInEdge + builtInGraph).map(\.name))
        .union(["name", "id", "pid", "start", "end", "viz", "spells"])

    public init(_ graph: KnowledgeGraph) {
        var reserved = Self.reserved
        // For a name that clashed, the next number to try after it: every one below is taken,
        // so the next clash goes on from there instead of counting from 2 again. Numbers, not
        // ever more `_`s: n names that clash would make names n long, n² bytes in all.
        var nextNumber: [String: Int] = [:]
        var names: [String] = [], attributes: [String] = [], allLists: [Bool] = []
        var index: [String: Int] = [:]
        for node in graph.nodes {
            for attribute in node.attributes {
                let isList = if case .list = attribute.value { true } else { false }
                if let i = index[attribute.name] {
                    allLists[i] = allLists[i] && isList
                    continue
                }
                var name = NodeIdentifiers.token(attribute.name).replacingOccurrences(of: ":", with: "_")
                if name != attribute.name || reserved.contains(name) || name.isEmpty { name = "fm_" + name }
                if reserved.contains(name) {
                    let first = name
                    var number = nextNumber[first, default: 2]
                    repeat {
                        name = first + "_" + String(number)
                        number += 1
                    } while reserved.contains(name)
                    nextNumber[first] = number
                }
                reserved.insert(name)
                index[attribute.name] = names.count
                names.append(name)
                attributes.append(attribute.name)
                allLists.append(isList)
            }
        }
        extra = names.indices.map { Extra(attribute: attributes[$0], name: names[$0], allLists: allLists[$0]) }
        self.index = index
    }

    /// The export name of front-matter key `attribute`.
    public func name(of attribute: String) -> String {
        extra[index[attribute]!].name
    }
}
