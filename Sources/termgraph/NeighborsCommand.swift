import ArgumentParser
import Graph

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

    @Argument(help: "The term (slug, title, alias or anchor text).")
    var term: String

    @Option(help: "How many links away to look.")
    var depth = 1

    @Option(help: "Which links to follow: out, in or both.")
    var direction: LinkDirection = .both

    func validate() throws {
        if depth < 1 { throw ValidationError("--depth must be at least 1.") }
    }

    private struct Entry: Encodable {
        let slug: String
        let title: String
        let distance: Int
        let direction: String
        let stub: Bool
    }

    private struct Answer: Encodable {
        let term: String
        let neighbors: [Entry]
    }

    func run() throws {
        let built = try options.load()
        let graph = built.graph
        let v = try resolveTerms([term], in: built)[0]
        let found = graph.neighbors(of: v, depth: depth, direction: direction)
        if options.json {
            try Output.json(Answer(term: graph.nodes[v].slug, neighbors: found.map {
                Entry(slug: graph.nodes[$0.node].slug, title: graph.nodes[$0.node].title,
                      distance: $0.distance, direction: $0.direction, stub: graph.nodes[$0.node].isStub)
            }))
            return
        }
        Output.line("\(found.count) term\(found.count == 1 ? "" : "s") within \(depth) link\(depth == 1 ? "" : "s") of \(graph.nodes[v].slug) (\(graph.nodes[v].title)):")
        Output.table(found.map {
            ["\($0.distance)", $0.direction, graph.nodes[$0.node].slug + (graph.nodes[$0.node].isStub ? " (wanted)" : ""), graph.nodes[$0.node].title]
        }, indent: "  ")
    }
}
