import ArgumentParser
import TermgraphKit

struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Every link the scanner finds, file by file, with what it resolves to.",
        discussion: """
            Shows why a link does or does not make an edge: its line, form (inline, reference, \
            wikilink, html), target as written, anchor text, and the article, wanted term or \
            external address it resolves to.
            """
    )

    @OptionGroup var options: CorpusOptions

    func run() throws {
        let answer = try options.run(LinksQuery(), in: options.workspace())
        if options.json {
            try Output.json(answer)
            return
        }
        for article in answer.articles {
            for link in article.links {
                let destination = link.slug.map { "\(link.resolution) \($0)" } ?? link.resolution
                Output.line(fields: ["\(article.path):\(link.line): \(link.kind) \(link.target) → \(destination)", link.text])
            }
        }
    }
}
