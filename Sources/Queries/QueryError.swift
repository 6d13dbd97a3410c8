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
}
