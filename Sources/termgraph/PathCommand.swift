import ArgumentParser
import Graph

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

    @Argument(help: "The term to start from (slug, title, alias or anchor text).")
    var from: String?

    @Argument(help: "The term to reach.")
    var to: String?

    @Option(name: .customLong("from-category"), help: ArgumentHelp("Start from any article of this category.", valueName: "name"))
    var fromCategory: String?

    @Option(name: .customLong("to-category"), help: ArgumentHelp("End at any article of this category.", valueName: "name"))
    var toCategory: String?

    @Flag(help: "List every shortest path, not only the first.")
    var all = false

    @Flag(help: "Follow links in both directions.")
    var undirected = false

    @Option(help: "With --all, the most paths to list.")
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
    }

    private struct Answer: Encodable {
        let from: String
        let to: String
        let length: Int?
        let paths: [[String]]

        /// `length` is always present: null when there is no path.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(length, forKey: .length)
            try container.encode(paths, forKey: .paths)
        }

        private enum CodingKeys: String, CodingKey { case from, to, length, paths }
    }

    func run() throws {
        let built = try options.load()
        let graph = built.graph
        let sources: [Int], targets: [Int], fromName: String, toName: String
        if let fromCategory, let toCategory {
            sources = try members(fromCategory, graph)
            targets = try members(toCategory, graph)
            (fromName, toName) = (fromCategory, toCategory)
        } else {
            let ends = try resolveTerms([from!, to!], in: built)
            let (s, t) = (ends[0], ends[1])
            (sources, targets) = ([s], [t])
            (fromName, toName) = (graph.nodes[s].slug, graph.nodes[t].slug)
        }
        let found = graph.shortestPaths(from: sources, to: targets, undirected: undirected, limit: all ? limit : 1)
        if options.json {
            try Output.json(Answer(from: fromName, to: toName, length: found?.length,
                                   paths: found?.paths.map { $0.map { graph.nodes[$0].slug } } ?? []))
        } else if let found {
            let count = found.paths.count
            Output.line("\(found.length) link\(found.length == 1 ? "" : "s") from \(fromName) to \(toName)"
                        + (all ? " (\(count) shortest path\(count == 1 ? "" : "s"))" : "") + ":")
            for (i, path) in found.paths.enumerated() {
                if i > 0 { Output.line() }
                Output.table(path.map { [graph.nodes[$0].slug, graph.nodes[$0].title] }, indent: "  ")
            }
        } else {
            Output.line("no path from \(fromName) to \(toName)\(undirected ? "" : " (try --undirected)")")
        }
        if found == nil { throw ExitCode(1) }
    }

    private func members(_ category: String, _ graph: KnowledgeGraph) throws -> [Int] {
        guard let c = graph.categoryNames.firstIndex(of: category) else {
            let known = graph.categoryNames.isEmpty ? "none declared in termgraph.yml" : graph.categoryNames.joined(separator: ", ")
            Output.error("error: no category \"\(category)\" (categories: \(known))")
            throw ExitCode(2)
        }
        return graph.members(ofCategory: c)
    }
}
