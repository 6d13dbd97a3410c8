import TermgraphCorpus
import TermgraphGraph

extension NodeAttribute {
    /// A front-matter attribute of an article, as its node keeps it.
    init(_ attribute: ArticleAttribute) {
        switch attribute.value {
        case .text(let text): self.init(name: attribute.name, value: .text(text))
        case .list(let items): self.init(name: attribute.name, value: .list(items))
        }
    }
}
