import ArgumentParser
import Graph

extension TermListKind: ExpressibleByArgument {}

struct OrphansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orphans",
        abstract: "Terms that point at gaps: orphans, wanted terms, dead ends, isolated articles.",
        discussion: """
            orphan    articles no other article links to
            wanted    link targets no article answers, with how many articles link to each
            dead-end  articles that link nowhere (a link to a wanted term counts)
            isolated  articles that are both orphans and dead ends
            """
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: "Which list: orphan, wanted, dead-end or isolated.")
    var kind: TermListKind = .orphan

    private struct Entry: Encodable {
        let slug: String
        let title: String
        let path: String?
        let linked_by: Int?
    }

    private struct Answer: Encodable {
        let kind: String
        let terms: [Entry]
    }

    func run() throws {
        let graph = try options.load().graph
        let found = graph.terms(kind)
        let wanted = kind == .wanted
        if options.json {
            try Output.json(Answer(kind: kind.rawValue, terms: found.map {
                Entry(slug: graph.nodes[$0].slug, title: graph.nodes[$0].title, path: graph.nodes[$0].path,
                      linked_by: wanted ? graph.linkingArticleCount($0) : nil)
            }))
            return
        }
        Output.line("\(found.count) \(kind.rawValue) term\(found.count == 1 ? "" : "s"):")
        Output.table(found.map { v in
            wanted ? [graph.nodes[v].slug, "linked by \(graph.linkingArticleCount(v))", graph.nodes[v].title]
                : [graph.nodes[v].slug, graph.nodes[v].title]
        }, indent: "  ")
    }
}
