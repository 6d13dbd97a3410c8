/// What reading one file gave: no article, one, several with the problems of the parts that
/// could not be read (a dump that holds many), or the problem that kept it from being read.
package enum ExtractedFile: Sendable {
    case notAnArticle
    case article(Article)
    case articles([Article], problems: [Problem])
    case problem(Problem)

    /// The file's articles, in the order the file holds them.
    package var articles: [Article] {
        switch self {
        case .notAnArticle, .problem: []
        case .article(let article): [article]
        case .articles(let articles, _): articles
        }
    }

    /// The problems the file gave, whether or not it gave articles too.
    package var problems: [Problem] {
        switch self {
        case .notAnArticle, .article: []
        case .articles(_, let problems): problems
        case .problem(let problem): [problem]
        }
    }

    /// The record of what a file's reader gave.
    package init(_ articles: [Article], problems: [Problem]) {
        switch (articles.count, problems.isEmpty) {
        case (0, true): self = .notAnArticle
        case (0, false) where problems.count == 1: self = .problem(problems[0])
        case (1, true): self = .article(articles[0])
        default: self = .articles(articles, problems: problems)
        }
    }
}
