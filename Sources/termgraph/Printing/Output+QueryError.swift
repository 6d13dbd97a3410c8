import TermgraphKit

extension Output {
    /// Why a query has no answer: on stderr for people, or, with `--json`, the JSON error
    /// answer of §4a on stdout (the exit code is the same either way).
    static func queryError(_ failure: QueryError, json: Bool) {
        if json {
            try? Output.json(failure.answer)
            return
        }
        switch failure {
        case let .ambiguousTerm(term, candidates):
            error("error: \"\(term)\" is ambiguous; it could be:")
            for candidate in candidates { error(fields: ["  \(candidate.slug)", candidate.title]) }
        case let .unknownTerm(_, suggestions):
            error("error: \(failure.message)")
            if !suggestions.isEmpty {
                error("did you mean:")
                for suggestion in suggestions { error(fields: ["  \(suggestion.slug)", suggestion.title]) }
            }
        case .unreadableCorpus, .unknownCategory, .badParameter:
            error("error: \(failure.message)")
        }
    }
}
