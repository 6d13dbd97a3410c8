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
}
