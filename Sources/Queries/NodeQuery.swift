import TermgraphGraph

/// One term with everything a page about it shows: its attributes and its links out and in,
/// each with its weight, anchor texts and the places it is written (§4a `/api/node`).
public struct NodeQuery: Query {
    public var term: String

    public init(term: String) {
        self.term = term
    }

    public struct Link: Sendable, Encodable {
        public let slug: String
        public let title: String
        public let stub: Bool
        public let weight: Int
        public let anchors: [String]
        public let occurrences: [LinkOccurrences.Occurrence]
    }

    public struct Answer: Sendable, Encodable {
        public let slug: String
        public let title: String
        public let stub: Bool
        public let category: String?
        public let categoryInferred: Bool
        public let path: String?
        public let description: String?
        public let keywords: [String]
        public let aliases: [String]
        /// Front-matter keys the contract does not name: text, or a list of texts.
        public let attributes: [String: AttributeValue]
        /// By target slug order, as edges are.
        public let out: [Link]
        /// By source slug order.
        public let `in`: [Link]

        private enum CodingKeys: String, CodingKey {
            case slug, title, stub, category, path, description, keywords, aliases, attributes, out, `in`
            case categoryInferred = "category_inferred"
        }

        /// `category`, `path` and `description` are null when absent, so every answer has the same keys.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(slug, forKey: .slug)
            try container.encode(title, forKey: .title)
            try container.encode(stub, forKey: .stub)
            try container.encode(category, forKey: .category)
            try container.encode(categoryInferred, forKey: .categoryInferred)
            try container.encode(path, forKey: .path)
            try container.encode(description, forKey: .description)
            try container.encode(keywords, forKey: .keywords)
            try container.encode(aliases, forKey: .aliases)
            try container.encode(attributes, forKey: .attributes)
            try container.encode(out, forKey: .out)
            try container.encode(self.in, forKey: .in)
        }
    }

    /// A front-matter value as JSON has it: a string or an array of strings.
    public enum AttributeValue: Sendable, Encodable {
        case text(String)
        case list([String])

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .list(let list): try container.encode(list)
            }
        }
    }

    public func answer(in workspace: Workspace) throws(QueryError) -> Answer {
        let graph = try workspace.graph().graph
        let v = try workspace.node(term)
        let occurrences = try workspace.linkOccurrences()
        let node = graph.nodes[v]
        func link(_ e: Int, to other: Int, at places: [LinkOccurrences.Occurrence]) -> Link {
            let end = graph.nodes[other]
            return Link(slug: end.slug, title: end.title, stub: end.isStub, weight: Int(graph.edgeWeight[e]),
                        anchors: graph.edgeAnchors[e], occurrences: places)
        }
        // The term's own links are resolved once for all its targets; each linking article's once.
        let own = occurrences.occurrences(from: v)
        let out = (Int(graph.outOffsets[v])..<Int(graph.outOffsets[v + 1])).map { e in
            link(e, to: Int(graph.edgeTarget[e]), at: own[Int(graph.edgeTarget[e])] ?? [])
        }
        let incoming = graph.inEdges[Int(graph.inOffsets[v])..<Int(graph.inOffsets[v + 1])].map { e32 in
            let e = Int(e32), u = Int(graph.edgeSource[e])
            return link(e, to: u, at: occurrences.occurrences(from: u)[v] ?? [])
        }
        var attributes: [String: AttributeValue] = [:]
        for attribute in node.attributes where attributes[attribute.name] == nil {
            switch attribute.value {
            case .text(let text): attributes[attribute.name] = .text(text)
            case .list(let list): attributes[attribute.name] = .list(list)
            }
        }
        return Answer(slug: node.slug, title: node.title, stub: node.isStub, category: node.category.map { graph.categoryNames[$0] },
                      categoryInferred: node.categoryInferred, path: node.path, description: node.description,
                      keywords: node.keywords, aliases: node.aliases, attributes: attributes, out: out, in: incoming)
    }
}
