/// What reading one file gave: no article, one, several (a file that holds many), or the
/// problem that kept it from being read.
package enum ExtractedFile: Sendable {
    case notAnArticle
    case article(Article)
    case articles([Article])
    case problem(Problem)

    /// The file's articles, in the order the file holds them.
    package var articles: [Article] {
        switch self {
        case .notAnArticle, .problem: []
        case .article(let article): [article]
        case .articles(let articles): articles
        }
    }
}
