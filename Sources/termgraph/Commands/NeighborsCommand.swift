import ArgumentParser
import TermgraphKit

extension LinkDirection: ExpressibleByArgument {}

struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors",
        abstract: "The terms within N links of a term.",
        discussion: """
            Examples:
              termgraph neighbors تسوية
              termgraph neighbors settlement --depth 2 --direction out

            Each neighbour shows its distance and how it is reached: out (by the term's links), \
            in (by links to the term), both, or mixed (only by paths that change direction).
            """
    )

    @OptionGroup var options: CorpusOptions

    @Argument(help: "The term (slug, title, alias or anchor text).", completion: TermCompletion.kind)
    var term: String

    @Option(help: "How many links away to look.")
    var depth = 1

    @Option(help: "Which links to follow: out, in or both.")
    var direction: LinkDirection = .both

    func validate() throws {
        if depth < 1 { throw ValidationError("--depth must be at least 1.") }
    }

    func run() throws {
        if depth <= 10, try options.served("/api/neighbors", [("term", term), ("depth", "\(depth)"), ("direction", direction.rawValue)]) { return }
        let workspace = try options.load()
        let answer = try options.run(NeighborsQuery(term: term, depth: depth, direction: direction), in: workspace)
        if options.json {
            try Output.json(answer)
            return
        }
        let found = answer.neighbors
        Output.line("\(found.count) term\(found.count == 1 ? "" : "s") within \(depth) link\(depth == 1 ? "" : "s") of \(answer.term) (\(answer.title)):")
        Output.table(found.map { ["\($0.distance)", $0.direction, $0.slug + ($0.stub ? " (wanted)" : ""), $0.title] }, indent: "  ")
    }
}
