/// Why a question has no answer, in the contract's JSON (§4a):
/// `{"error": {"kind", "message", "candidates": [{"slug", "title"}], "suggestions": [...]}}`.
/// The server sends it with `status`; the command line prints it with `--json`.
public struct ErrorAnswer: Sendable, Encodable {
    public struct Body: Sendable, Codable {
        /// `bad-parameter`, `unknown-term`, `unknown-category`, `ambiguous-term`, or
        /// `unreadable-corpus` (a corpus or index that cannot be read).
        public let kind: String
        public let message: String
        public let candidates: [TermSummary]
        public let suggestions: [TermSummary]
    }

    public let error: Body

    /// The HTTP status the kind is answered with.
    public let status: Int

    private enum CodingKeys: String, CodingKey { case error }

    public init(_ failure: QueryError) {
        let kind: String, candidates: [TermSummary], suggestions: [TermSummary]
        switch failure {
        case .unreadableCorpus: (kind, status, candidates, suggestions) = ("unreadable-corpus", 500, [], [])
        case .unknownTerm(_, let found): (kind, status, candidates, suggestions) = ("unknown-term", 404, [], found)
        case .ambiguousTerm(_, let found): (kind, status, candidates, suggestions) = ("ambiguous-term", 409, found, [])
        case .unknownCategory: (kind, status, candidates, suggestions) = ("unknown-category", 404, [], [])
        case .badParameter: (kind, status, candidates, suggestions) = ("bad-parameter", 400, [], [])
        }
        error = Body(kind: kind, message: failure.message, candidates: candidates, suggestions: suggestions)
    }
}

extension QueryError {
    /// What went wrong, in one line a user can act on (the candidates and suggestions apart).
    public var message: String {
        switch self {
        case .unreadableCorpus(let message): message
        case .ambiguousTerm(let term, _): "\"\(term)\" is ambiguous"
        case .unknownTerm(let term, _): "no term \"\(term)\""
        case let .unknownCategory(name, known):
            "no category \"\(name)\" (categories: \(known.isEmpty ? "none declared in termgraph.yml" : known.joined(separator: ", ")))"
        case .badParameter(let message): message
        }
    }
}
