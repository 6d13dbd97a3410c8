import ArgumentParser
import Foundation
import TermgraphKit

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Shortest path(s) between two terms, or between two categories, by number of links.",
        discussion: """
            Examples:
              termgraph path "المكتب الأمامي" "المكتب الخلفي"
              termgraph path "Front Office" "back office" --all
              termgraph path --from-category front --to-category back

            Among equally short paths the one printed is the least in slug order. \
            Exit code 1 when no path exists.
            """
    )

    @OptionGroup var options: CorpusOptions

    @Argument(help: "The term to start from (slug, title, alias or anchor text).", completion: TermCompletion.kind)
    var from: String?

    @Argument(help: "The term to reach.", completion: TermCompletion.kind)
    var to: String?

    @Option(name: .customLong("from-category"), help: ArgumentHelp("Start from any article of this category.", valueName: "name"))
    var fromCategory: String?

    @Option(name: .customLong("to-category"), help: ArgumentHelp("End at any article of this category.", valueName: "name"))
    var toCategory: String?

    @Flag(help: "List every shortest path, not only the first.")
    var all = false

    @Flag(help: "Follow links in both directions.")
    var undirected = false

    @Option(help: "With --all, the most paths to list (at most \(PathQuery.maximumLimit)).")
    var limit = 1000

    func validate() throws {
        let byCategory = fromCategory != nil || toCategory != nil
        if byCategory && (fromCategory == nil || toCategory == nil) {
            throw ValidationError("--from-category and --to-category go together.")
        }
        if byCategory && (from != nil || to != nil) {
            throw ValidationError("Give either two terms or --from-category and --to-category, not both.")
        }
        if !byCategory && (from == nil || to == nil) {
            throw ValidationError("Give two terms (FROM TO), or --from-category and --to-category.")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if limit > PathQuery.maximumLimit { throw ValidationError("--limit must be at most \(PathQuery.maximumLimit).") }
    }

    func run() throws {
        let named: [(String, String)] = if let fromCategory, let toCategory { [("from_category", fromCategory), ("to_category", toCategory)] }
            else { [("from", from!), ("to", to!)] }
        let asked = named + [("all", all ? "1" : "0"), ("undirected", undirected ? "1" : "0"), ("limit", "\(limit)")]
        // No path is exit code 1, as below.
        if try options.served("/api/path", asked, exitCode: { body in
            ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["length"] is NSNull ? 1 : 0
        }) { return }
        let workspace = try options.load()
        let ends: PathQuery.Ends = if let fromCategory, let toCategory { .categories(fromCategory, toCategory) } else { .terms(from!, to!) }
        let answer = try options.run(PathQuery(ends, all: all, undirected: undirected, limit: limit), in: workspace)
        if options.json {
            try Output.json(answer)
        } else if let length = answer.length {
            let count = answer.paths.count
            Output.line("\(length) link\(length == 1 ? "" : "s") from \(answer.from) to \(answer.to)"
                        + (all ? " (\(count) shortest path\(count == 1 ? "" : "s"))" : "") + ":")
            for (i, path) in answer.paths.enumerated() {
                if i > 0 { Output.line() }
                Output.table(path.map { [$0.slug, $0.title] }, indent: "  ")
            }
        } else {
            Output.line("no path from \(answer.from) to \(answer.to)\(undirected ? "" : " (try --undirected)")")
        }
        if answer.length == nil { throw ExitCode(1) }
    }
}
