/// The category attributes of a dump's articles, made once for each list met: a wiki has far
/// fewer categories than pages, and a million articles each holding their own copy of the same
/// names (an array, its strings, the attribute around them) would hold them a million times.
struct CategoryLists {
    /// The attributes of the lists met first, up to `sharedLists` of them; a later list that
    /// is one of these is given the same storage.
    private var attributes: [[String]: [ArticleAttribute]] = [:]
    /// Every category name met, so that a list not shared still shares its strings.
    private var names: Set<String> = []

    /// Lists past this many are not kept: on a wiki where most lists are unique, the table would
    /// cost more than it saves.
    static let sharedLists = 1 << 14

    /// The attributes of an article in `categories`, in the order the page gives them.
    mutating func attributes(for categories: [String]) -> [ArticleAttribute] {
        guard !categories.isEmpty else { return [] }
        if let known = attributes[categories] { return known }
        let list = categories.map { names.insert($0).memberAfterInsert }
        let made = [ArticleAttribute(name: "categories", value: .list(list))]
        if attributes.count < Self.sharedLists { attributes[list] = made }
        return made
    }
}
