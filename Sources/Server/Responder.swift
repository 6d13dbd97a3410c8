import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TermgraphKit

/// Answers one request: the API, the page and its two files, nothing else — no path of the
/// request ever names a file on disk.
struct Responder: Sendable {
    let corpus: LiveCorpus
    let watcher: CorpusWatcher
    /// The folder `check`'s paths are relative to: the server's working folder.
    let folder: URL

    /// A command line sends this header: it wants an answer only if the graph holds every
    /// change made so far, else 503 and it answers by itself.
    static let freshHeader = HTTPField.Name("X-Termgraph-Fresh")!

    func respond(to request: Request) -> Response {
        let uri = request.uri.string
        if uri.utf8.count > TermgraphServer.largestHead { return error(414, "the request line is longer than 8 KiB") }
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
        if headerBytes > TermgraphServer.largestHead { return error(431, "the request headers are larger than 8 KiB") }
        guard request.method == .get || request.method == .head else { return error(405, "only GET is answered") }
        let path = request.uri.path
        if let page = Page.file(at: path) {
            return Response(status: .ok, headers: Page.headers(contentType: page.contentType),
                            body: .init(byteBuffer: ByteBuffer(bytes: page.bytes)))
        }
        if request.headers[Self.freshHeader] != nil && (watcher.drain() || !watcher.isWatching || corpus.isStale) {
            return error(503, "the corpus changed, or is only polled for changes: ask the corpus itself")
        }
        guard let answer = APIRoutes.answer(path: path, query: request.uri.query, in: corpus.snapshot, folder: folder) else {
            return error(404, "no such page: the API is under /api/ (path, neighbors, orphans, stats, check, terms, node, corpus, export)")
        }
        var headers = Page.headers(contentType: answer.contentType)
        // An export is a file to save, never a page to show (an SVG would be one).
        if path == "/api/export" && answer.status == 200 { headers[.contentDisposition] = "attachment" }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    private func error(_ status: Int, _ message: String) -> Response {
        let body = (try? AnswerJSON.encode(["error": ["kind": status == 404 ? "not-found" : "bad-request", "message": message]])) ?? Data()
        return Response(status: .init(code: status), headers: Page.headers(contentType: "application/json; charset=utf-8"),
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
