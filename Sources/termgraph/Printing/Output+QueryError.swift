import TermgraphKit

extension Output {
    /// Why a query has no answer, on stderr.
    static func queryError(_ failure: QueryError) {
        switch failure {
        case .unreadableCorpus(let message):
            error(message)
        case let .ambiguousTerm(term, candidates):
            error("error: \"\(term)\" is ambiguous; it could be:")
            for candidate in candidates { error(fields: ["  \(candidate.slug)", candidate.title]) }
        case let .unknownTerm(term, suggestions):
            error("error: no term \"\(term)\"")
            if !suggestions.isEmpty {
                error("did you mean:")
                for suggestion in suggestions { error(fields: ["  \(suggestion.slug)", suggestion.title]) }
            }
        case let .unknownCategory(name, known):
            let list = known.isEmpty ? "none declared in termgraph.yml" : known.joined(separator: ", ")
            error("error: no category \"\(name)\" (categories: \(list))")
        case .badParameter(let message):
            error("error: \(message)")
        }
    }
}
