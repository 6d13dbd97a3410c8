import Foundation
import TermgraphKit

/// The API of §4a: each route reads its parameters and runs the query every front end runs,
/// answering with the bytes `--json` prints for it.
enum APIRoutes {
    /// The answer to `path` with the (still encoded) `query` string, from `snapshot`: the status and
    /// the JSON body; nil when no route has that path.
    static func answer(path: String, query: String?, in snapshot: LiveCorpus.Snapshot,
                       folder: URL) -> (status: Int, body: Data)? {
        guard let route = routes[path] else { return nil }
        do throws(QueryError) {
            if let failure = snapshot.failure { throw failure }
            let request = try APIRequest(query: query, allowed: route.parameters)
            return (200, try route.answer(request, snapshot.workspace, folder))
        } catch {
            let answer = ErrorAnswer(error)
            return (answer.status, (try? AnswerJSON.encode(answer)) ?? Data())
        }
    }

    private struct Route: Sendable {
        let parameters: Set<String>
        let answer: @Sendable (APIRequest, Workspace, URL) throws(QueryError) -> Data
    }

    private static let routes: [String: Route] = [
        "/api/path": Route(parameters: ["from", "to", "all", "undirected", "limit", "from_category", "to_category"]) { request, workspace, _ throws(QueryError) in
            let ends: PathQuery.Ends
            if request.text("from_category") != nil || request.text("to_category") != nil {
                guard request.text("from") == nil, request.text("to") == nil else {
                    throw .badParameter("give either from and to, or from_category and to_category")
                }
                ends = .categories(try request.required("from_category"), try request.required("to_category"))
            } else {
                ends = .terms(try request.required("from"), try request.required("to"))
            }
            let limit = try request.number("limit", in: 1...PathQuery.maximumLimit, default: 1000)
            return try json(PathQuery(ends, all: try request.flag("all"), undirected: try request.flag("undirected"), limit: limit), in: workspace)
        },
        "/api/neighbors": Route(parameters: ["term", "depth", "direction"]) { request, workspace, _ throws(QueryError) in
            try json(NeighborsQuery(term: try request.required("term"), depth: try request.number("depth", in: 1...APIRequest.deepest, default: 1),
                                    direction: try request.choice("direction", default: LinkDirection.both)), in: workspace)
        },
        "/api/orphans": Route(parameters: ["kind"]) { request, workspace, _ throws(QueryError) in
            try json(OrphansQuery(kind: try request.choice("kind", default: TermListKind.orphan)), in: workspace)
        },
        "/api/stats": Route(parameters: []) { _, workspace, _ throws(QueryError) in
            try json(StatsQuery(), in: workspace)
        },
        "/api/check": Route(parameters: []) { _, workspace, folder throws(QueryError) in
            try json(CheckQuery(relativeTo: folder), in: workspace)
        },
        "/api/terms": Route(parameters: ["q", "limit"]) { request, workspace, _ throws(QueryError) in
            try json(TermsQuery(query: try request.required("q"), limit: try request.number("limit", in: 1...TermsQuery.maximumLimit, default: 10)),
                     in: workspace)
        },
        "/api/corpus": Route(parameters: []) { _, workspace, _ throws(QueryError) in
            do {
                return try AnswerJSON.encode(CorpusFacts(try workspace.graph().graph))
            } catch let failure as QueryError {
                throw failure
            } catch {
                throw .unreadableCorpus("the answer could not be written as JSON: \(error)")
            }
        },
        "/api/node": Route(parameters: ["term"]) { request, workspace, _ throws(QueryError) in
            try json(NodeQuery(term: try request.required("term")), in: workspace)
        },
    ]

    private static func json<Q: Query>(_ query: Q, in workspace: Workspace) throws(QueryError) -> Data {
        let answer = try query.run(in: workspace)
        do {
            return try AnswerJSON.encode(answer)
        } catch {
            throw .unreadableCorpus("the answer could not be written as JSON: \(error)")
        }
    }
}
