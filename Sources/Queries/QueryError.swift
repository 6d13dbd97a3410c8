/// Why a query has no answer: each case carries what a front end shows the user.
public enum QueryError: Error, Sendable, Equatable {
    /// The corpus folder cannot be read; the message names it.
    case unreadableCorpus(String)
    /// No term answers; the nearest names, nearest first.
    case unknownTerm(String, suggestions: [TermSummary])
    /// Several terms answer equally well, in slug order.
    case ambiguousTerm(String, candidates: [TermSummary])
    /// No category of that name; the declared ones.
    case unknownCategory(String, known: [String])
    /// A parameter outside what the query accepts (a `limit` above its bound); the message
    /// says which and why.
    case badParameter(String)

    /// The error's name in the JSON answer (§4a).
    public var kind: String {
        switch self {
        case .unreadableCorpus: "unreadable-corpus"
        case .unknownTerm: "unknown-term"
        case .ambiguousTerm: "ambiguous-term"
        case .unknownCategory: "unknown-category"
        case .badParameter: "bad-parameter"
        }
    }

    /// One line saying what went wrong, for people.
    public var message: String {
        switch self {
        case .unreadableCorpus(let message): message
        case .unknownTerm(let term, _): "no term \"\(term)\""
        case .ambiguousTerm(let term, _): "\"\(term)\" is ambiguous"
        case let .unknownCategory(name, known):
            "no category \"\(name)\" (categories: \(known.isEmpty ? "none declared in termgraph.yml" : known.joined(separator: ", ")))"
        case .badParameter(let message): message
        }
    }

    /// The error as the JSON answer of §4a: the CLI prints it on stdout with `--json`, the server
    /// sends it as the body of its error response.
    public var answer: QueryErrorAnswer { QueryErrorAnswer(self) }
}

/// `{"error":{"kind","message","candidates","suggestions"}}`: the terms a front end can offer
/// instead (both lists are always present, empty when there are none).
public struct QueryErrorAnswer: Sendable, Equatable, Encodable {
    public struct Body: Sendable, Equatable, Encodable {
        public let kind: String
        public let message: String
        public let candidates: [TermSummary]
        public let suggestions: [TermSummary]
    }

    public let error: Body

    init(_ failure: QueryError) {
        var candidates: [TermSummary] = [], suggestions: [TermSummary] = []
        switch failure {
        case .ambiguousTerm(_, let found): candidates = found
        case .unknownTerm(_, let nearest): suggestions = nearest
        case .unreadableCorpus, .unknownCategory, .badParameter: break
        }
        error = Body(kind: failure.kind, message: failure.message, candidates: candidates, suggestions: suggestions)
    }

    /// A usage error found before any query ran (an option out of range, a missing argument).
    public static func badParameter(_ message: String) -> QueryErrorAnswer {
        QueryErrorAnswer(.badParameter(message))
    }
}
