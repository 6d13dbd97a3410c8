import ArgumentParser
import Foundation
import TermgraphServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer queries over HTTP from the graph held in memory, kept fresh as files change, with a web page.",
        discussion: """
            Examples:
              termgraph serve --corpus corpus
              termgraph serve --port 0              (any free port; the one taken is printed)

            The API (/api/path, /api/neighbors, /api/orphans, /api/stats, /api/check, /api/terms, \
            /api/node) answers with the same JSON as the commands' --json. The page at / searches, \
            shows a term's links and neighbourhood, paths, the four lists and the category matrix. \
            While it runs, the other commands on the same corpus ask it for their --json answers.
            """
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: "The address to listen on; anything but a loopback address opens the graph to the network.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535.") }
    }

    func run() async throws {
        let settings = TermgraphServer.Settings(root: options.corpusFolder, host: host, port: port,
                                                cacheFolder: options.cacheDir.map { URL(fileURLWithPath: $0) }, useIndex: !options.noCache)
        do {
            try await TermgraphServer(settings: settings).run()
        } catch {
            Output.error("error: cannot serve on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
    }
}
