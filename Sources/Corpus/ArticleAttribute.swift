/// A front-matter value kept under its original key, for exports: text, or a list of texts.
public struct ArticleAttribute: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
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
