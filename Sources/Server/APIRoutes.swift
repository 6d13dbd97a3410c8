import Foundation
import TermgraphKit

/// The API of §4a: each route reads its parameters and runs the query every front end runs,
/// answering with the bytes `--json` prints for it.
enum APIRoutes {
    /// The answer to `path` with the (still encoded) `query` string, from `snapshot`: the status and
    /// the JSON body; nil when no route has that path.
    static func answer(path: String, query: String?, in snapshot: LiveCorpus.Snapshot,
                       folder: URL) -> (status: Int, body: Data, contentType: String)? {
        if path == "/api/export" { return reply { () throws(QueryError) in try export(query, in: snapshot) } }
        guard let route = routes[path] else { return nil }
        return reply { () throws(QueryError) in
            if let failure = snapshot.failure { throw failure }
            let request = try APIRequest(query: query, allowed: route.parameters)
            return (try route.answer(request, snapshot.workspace, folder), json)
        }
    }

    static let json = "application/json; charset=utf-8"

    private static func reply(_ body: () throws(QueryError) -> (Data, String)) -> (status: Int, body: Data, contentType: String) {
        do {
            let (data, type) = try body()
            return (200, data, type)
        } catch {
            let answer = ErrorAnswer(error)
            return (answer.status, (try? AnswerJSON.encode(answer)) ?? Data(), json)
        }
    }

    /// `/api/export?format=`: one single-file export of the whole graph, as `export --format F
    /// --output -` writes it.
    private static func export(_ query: String?, in snapshot: LiveCorpus.Snapshot) throws(QueryError) -> (Data, String) {
        if let failure = snapshot.failure { throw failure }
        let request = try APIRequest(query: query, allowed: ["format"])
        let single = GraphExporters.all.filter { $0.folderName == nil && $0.fileNames.count == 1 }
        let name = try request.required("format")
        guard let format = single.first(where: { $0.name == name }) else {
            throw .badParameter("format must be one of \(single.map(\.name).joined(separator: ", ")), not \"\(name)\"")
        }
        let workspace = snapshot.workspace
        let bytes = try workspace.trusted { () throws(QueryError) -> [UInt8] in
            let built = try workspace.graph()
            let settings = ExportSettings(site: built.config.site, iri: built.config.iri, corpusFolder: workspace.root,
                                          hubs: built.config.categories.map(\.hub))
            do {
                return try format.bytes(built.graph, context: ExportContext(built.graph, settings: settings))
            } catch {
                throw .unreadableCorpus("\(error)")
            }
        }
        let types = ["graphml": "application/graphml+xml", "gexf": "application/gexf+xml", "json": json, "ttl": "text/turtle; charset=utf-8",
                     "dot": "text/vnd.graphviz; charset=utf-8", "svg": "image/svg+xml"]
        return (Data(bytes), types[URL(fileURLWithPath: format.fileNames[0]).pathExtension] ?? "application/octet-stream")
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
            return try encoded(PathQuery(ends, all: try request.flag("all"), undirected: try request.flag("undirected"), limit: limit), in: workspace)
        },
        "/api/neighbors": Route(parameters: ["term", "depth", "direction"]) { request, workspace, _ throws(QueryError) in
            try encoded(NeighborsQuery(term: try request.required("term"), depth: try request.number("depth", in: 1...APIRequest.deepest, default: 1),
                                    direction: try request.choice("direction", default: LinkDirection.both)), in: workspace)
        },
        "/api/orphans": Route(parameters: ["kind", "lang"]) { request, workspace, _ throws(QueryError) in
            try encoded(OrphansQuery(kind: try request.choice("kind", default: TermListKind.orphan), language: request.text("lang")), in: workspace)
        },
        "/api/stats": Route(parameters: ["lang"]) { request, workspace, _ throws(QueryError) in
            try encoded(StatsQuery(language: request.text("lang")), in: workspace)
        },
        "/api/check": Route(parameters: []) { _, workspace, folder throws(QueryError) in
            try encoded(CheckQuery(relativeTo: folder), in: workspace)
        },
        "/api/terms": Route(parameters: ["q", "limit"]) { request, workspace, _ throws(QueryError) in
            try encoded(TermsQuery(query: try request.required("q"), limit: try request.number("limit", in: 1...TermsQuery.maximumLimit, default: 10)),
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
            try encoded(NodeQuery(term: try request.required("term")), in: workspace)
        },
    ]

    private static func encoded<Q: Query>(_ query: Q, in workspace: Workspace) throws(QueryError) -> Data {
        let answer = try query.run(in: workspace)
        do {
            return try AnswerJSON.encode(answer)
        } catch {
            throw .unreadableCorpus("the answer could not be written as JSON: \(error)")
        }
    }
}
