import ArgumentParser
import Corpus

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

    private struct Entry: Encodable {
        let line: Int
        let kind: String
        let target: String
        let text: String
        let resolution: String
        let slug: String?
    }

    private struct Article: Encodable {
        let path: String
        let slug: String
        let links: [Entry]
    }

    private struct Answer: Encodable {
        let articles: [Article]
    }

    func run() throws {
        let corpus = try options.loadCorpus()
        let unique = CorpusGraph.uniqueArticles(corpus).articles
        let resolver = LinkResolver(articles: unique, config: corpus.config)
        let articles = unique.map { article in
            Article(path: article.path, slug: article.slug, links: article.links.map { link in
                let resolution: String, slug: String?
                switch resolver.resolve(link.target, from: article.path, kind: link.kind) {
                case .external: (resolution, slug) = ("external", nil)
                case .none: (resolution, slug) = ("none", nil)
                case .article(let i): (resolution, slug) = ("article", unique[i].slug)
                case .wanted(_, let written): (resolution, slug) = ("wanted", written)
                }
                return Entry(line: link.line, kind: link.kind.rawValue, target: link.target, text: link.text, resolution: resolution, slug: slug)
            })
        }
        if options.json {
            try Output.json(Answer(articles: articles))
            return
        }
        for article in articles {
            for link in article.links {
                let destination = link.slug.map { "\(link.resolution) \($0)" } ?? link.resolution
                Output.line("\(article.path):\(link.line): \(link.kind) \(link.target) → \(destination)\t\(link.text)")
            }
        }
    }
}
