/// The target of a redirect written in a page's text: `#REDIRECT [[T]]` at its start, in any
/// case, or with one of the localized words MediaWiki's languages use.
enum RedirectText {
    /// The magic word in the languages whose dumps the corpus's users read, lower-cased.
    static let words = ["redirect", "تحويل", "تغییرمسیر", "تغییر_مسیر", "پیوند", "weiterleitung", "redirection", "redirección",
                        "redireccion", "перенаправление", "перенапр", "пренасочване", "виж", "doorverwijzing", "rinvia",
                        "przekieruj", "patrz", "yönlendi̇rme", "yönlendirme", "転送", "リダイレクト", "重定向", "넘겨주기", "הפניה"]

    /// The text between `[[` and `]]` (or `|`), when `text` is a redirect.
    static func target(_ text: [UInt8]) -> Substring? {
        var i = 0
        while i < text.count && (text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || text[i] == 0x0D) { i += 1 }
        guard i < text.count, text[i] == UInt8(ascii: "#") else { return nil }
        let head = String(decoding: text[(i + 1)..<min(text.count, i + 1 + 400)], as: UTF8.self)
        guard let open = head.range(of: "[[") else { return nil }
        let word = head[..<open.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let bare = word.hasSuffix(":") ? String(word.dropLast()).trimmingCharacters(in: .whitespaces) : word
        guard words.contains(bare) else { return nil }
        let rest = head[open.upperBound...]
        guard let close = rest.range(of: "]]") else { return nil }
        let inside = rest[..<close.lowerBound]
        return inside.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first
    }
}
