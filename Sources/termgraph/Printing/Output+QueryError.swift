import Foundation
import TermgraphKit

extension Output {
    /// Why a query has no answer, on stderr; with `json`, also the contract's error object on
    /// standard output, as the server sends it.
    static func queryError(_ failure: QueryError, json: Bool = false) {
        let answer = ErrorAnswer(failure)
        if json, let data = try? AnswerJSON.encode(answer) { write(bytes: data) }
        queryError(answer.error)
    }

    /// The same from the error object itself (as a server sent it), on stderr.
    static func queryError(_ failure: ErrorAnswer.Body) {
        switch failure.kind {
        case "ambiguous-term":
            error("error: \(failure.message); it could be:")
            for candidate in failure.candidates { error(fields: ["  \(candidate.slug)", candidate.title]) }
        case "unknown-term":
            error("error: \(failure.message)")
            if !failure.suggestions.isEmpty {
                error("did you mean:")
                for suggestion in failure.suggestions { error(fields: ["  \(suggestion.slug)", suggestion.title]) }
            }
        default:
            error("error: \(failure.message)")
        }
    }
}
