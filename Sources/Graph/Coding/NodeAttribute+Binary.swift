import TermgraphCore

extension NodeAttribute: NamedValue {
    package var text: String? {
        if case .text(let text) = value { return text }
        return nil
    }

    package var list: [String] {
        if case .list(let items) = value { return items }
        return []
    }

    package init(name: String, text: String) {
        self.init(name: name, value: .text(text))
    }

    package init(name: String, list: [String]) {
        self.init(name: name, value: .list(list))
    }
}
