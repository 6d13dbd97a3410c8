/// A front-matter value kept under its original key, for exports: text, or a list of texts.
public struct ArticleAttribute: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}
