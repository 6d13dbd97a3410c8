import ArgumentParser
import Foundation
import TermgraphKit
import TermgraphServer

extension CorpusOptions {
    /// The `--json` answer of a running `termgraph serve` for this corpus, printed as it came,
    /// with the exit code the command would give: `exitCode` reads it from the answer. Nil, and
    /// the command answers by itself, when no server runs for this corpus, when the index is
    /// not in use (`--no-cache`), when `--exclude` leaves out paths the server reads, when a term names a file (a path is the command line's, not
    /// the server's), or when anything goes wrong on the way.
    func served(_ path: String, _ parameters: [(String, String)], exitCode: (Data) -> Int32 = { _ in 0 }) throws -> Bool {
        guard json, !noCache, exclude.isEmpty, parameters.allSatisfy({ $0.1.count <= 1_000 && !Self.namesFile($0.1) }) else { return false }
        let root = corpusFolder
        let indexFolder = cacheDir.map { URL(fileURLWithPath: $0) } ?? CorpusIndex.defaultFolder(for: root)
        guard let server = ServerFile.running(in: indexFolder),
              server.root == root.resolvingSymlinksInPath().standardizedFileURL.path,
              let (status, body) = ServerClient.get(path, parameters, from: server) else { return false }
        switch status {
        case 200:
            Output.write(bytes: body)
            let code = exitCode(body)
            if code != 0 { throw ExitCode(code) }
            return true
        case 400, 404, 409, 500:
            guard let failure = try? JSONDecoder().decode([String: ErrorAnswer.Body].self, from: body)["error"] else { return false }
            Output.write(bytes: body)
            Output.queryError(failure)
            throw ExitCode(2)
        default:
            return false
        }
    }

    private static func namesFile(_ term: String) -> Bool {
        var status = stat()
        return stat(term, &status) == 0
    }
}
