import TermgraphCorpus

/// The corpus's problems, in file and line order (§4 `check`).
public struct CheckQuery: Query {
    public init() {}

    public struct Answer: Sendable, Encodable {
        public let problems: [Problem]

        public init(problems: [Problem]) {
            self.problems = problems
        }
    }

    public func answer(in workspace: Workspace) throws(QueryError) -> Answer {
        Answer(problems: try workspace.graph().problems.sorted { a, b in
            if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
            if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
            return (a.kind.rawValue, a.message) < (b.kind.rawValue, b.message)
        })
    }
}

extension Problem: Encodable {
    private enum CodingKeys: String, CodingKey { case file, line, kind, message }

    /// `{"file", "line", "kind", "message"}`; `line` left out when there is none.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(message, forKey: .message)
    }
}
