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
        let candidates: [TermSummary], suggestions: [TermSummary]
        switch failure {
        case .unreadableCorpus: (status, candidates, suggestions) = (500, [], [])
        case .unknownTerm(_, let found): (status, candidates, suggestions) = (404, [], found)
        case .ambiguousTerm(_, let found): (status, candidates, suggestions) = (409, found, [])
        case .unknownCategory: (status, candidates, suggestions) = (404, [], [])
        case .badParameter: (status, candidates, suggestions) = (400, [], [])
        }
        error = Body(kind: failure.kind, message: failure.message, candidates: candidates, suggestions: suggestions)
    }
}
