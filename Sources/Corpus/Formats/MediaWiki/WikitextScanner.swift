import TermgraphCore

/// The links and category memberships of a page's wikitext (§1c), found by one pass over its
/// bytes. Not scanned: `<!-- -->` (an unclosed comment runs to the end) and the content of
/// `<nowiki>`, `<pre>`, `<syntaxhighlight>`, `<source>` and `<math>` (an unclosed one is plain
/// text). Everything else is, templates' arguments, `<ref>`, `<code>`, `<gallery>` and file
/// captions included, as MediaWiki renders them.
///
/// ```swift
/// let found = WikitextScanner(site: SiteInfo(), namespaces: [0]).scan(text, firstLine: 12)
/// found.links       // [[bank]]s → Link(target: "bank", text: "banks", line: 12, kind: .wikilink)
/// found.categories  // [[Category:Banks]] → ["Banks"]
/// ```
struct WikitextScanner {
    let site: SiteInfo
    let namespaces: Set<Int>

    struct Found {
        var links: [Link] = []
        var categories: [String] = []
    }

    /// What one scan remembers: the categories met, and for each skipped element the position
    /// from which its closing tag is known to be missing.
    private struct State {
        var categories = Set<String>()
        var unclosedFrom: [Int: Int] = [:]
    }

    /// The most bytes a link's text may span: past it the `[[` is plain text (a caption is a
    /// few lines; the bound keeps unclosed links from making a scan quadratic).
    static let maximumLinkText = 16 << 10

    static let skippedElements = ["nowiki", "pre", "syntaxhighlight", "source", "math"].map { Array($0.utf8) }

    func scan(_ text: UnsafeBufferPointer<UInt8>, firstLine: Int) -> Found {
        var found = Found()
        var state = State()
        scan(text, from: 0, to: text.count, line: firstLine, into: &found, state: &state, depth: 0)
        return found
    }

    private func scan(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, line firstLine: Int, into found: inout Found,
                      state: inout State, depth: Int) {
        var i = start
        var line = firstLine
        while i < end {
            let byte = text[i]
            if byte == 0x0A {
                line += 1
                i += 1
            } else if byte == UInt8(ascii: "<") {
                let skipped = skip(text, at: i, end: end, state: &state)
                line += newlines(text, i, skipped)
                i = skipped
            } else if byte == UInt8(ascii: "["), i + 1 < end, text[i + 1] == UInt8(ascii: "[") {
                guard let link = parseLink(text, at: i, end: end) else {
                    i += 1
                    continue
                }
                let targetText = String(decoding: UnsafeBufferPointer(rebasing: text[link.target]), as: UTF8.self)
                var trail = link.end
                switch WikiTarget(Substring(targetText), site: site) {
                case .category(let name)?:
                    if !name.isEmpty && state.categories.insert(name).inserted { found.categories.append(name) }
                case .file(let title)?:
                    // The file is not a page of the corpus; its caption's links count.
                    found.links.append(Link(target: "//" + site.host + "/wiki/" + WikiTitle.target(title),
                                            text: collapse(targetText), line: line, kind: .wikilink))
                    if let caption = link.text, depth < 8 {
                        scan(text, from: caption.lowerBound, to: caption.upperBound, line: line + newlines(text, i, caption.lowerBound),
                             into: &found, state: &state, depth: depth + 1)
                    }
                case .interwiki(let prefix, let title)?:
                    trail = linkTrail(text, from: link.end, end: end)
                    found.links.append(Link(target: "//" + Self.host(ofPrefix: prefix, site: site) + "/wiki/" + WikiTitle.target(title),
                                            text: anchor(text, link, trail: link.end..<trail), line: line, kind: .wikilink))
                case .page(let title, let section, let namespace)?:
                    trail = linkTrail(text, from: link.end, end: end)
                    let target = namespaces.contains(namespace)
                        ? WikiTitle.target(title, section: section)
                        : "//" + site.host + "/wiki/" + WikiTitle.target(title, section: section)
                    found.links.append(Link(target: target, text: anchor(text, link, trail: link.end..<trail), line: line, kind: .wikilink))
                    if let inner = link.text, depth < 8 {
                        scan(text, from: inner.lowerBound, to: inner.upperBound, line: line + newlines(text, i, inner.lowerBound),
                             into: &found, state: &state, depth: depth + 1)
                    }
                case nil:
                    break
                }
                line += newlines(text, i, trail)
                i = trail
            } else {
                i += 1
            }
        }
    }

    /// Where the `<` at `i` ends what is not scanned: after a comment or a skipped element, or
    /// just after the `<` when it opens neither.
    private func skip(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, state: inout State) -> Int {
        if matches(text, i, end, "<!--") {
            return find(text, Array("-->".utf8), from: i + 4, end: end).map { $0 + 3 } ?? end
        }
        for (n, name) in Self.skippedElements.enumerated() where matchesName(text, i + 1, end, name) {
            let after = i + 1 + name.count
            guard after < end else { return i + 1 }
            let next = text[after]
            guard next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || next == 0x20 || next == 0x09 || next == 0x0A else { continue }
            guard let close = (after..<min(end, after + 1024)).first(where: { text[$0] == UInt8(ascii: ">") }) else { return i + 1 }
            if text[close - 1] == UInt8(ascii: "/") { return close + 1 }  // <nowiki/>
            // Past the point from which no closing tag was found, none will be: each text is searched once.
            if let none = state.unclosedFrom[n], none <= close + 1 { return i + 1 }
            var j = close + 1
            while let lt = find(text, [UInt8(ascii: "<"), UInt8(ascii: "/")], from: j, end: end) {
                var k = lt + 2
                if matchesName(text, k, end, name) {
                    k += name.count
                    while k < end && (text[k] == 0x20 || text[k] == 0x09 || text[k] == 0x0A) { k += 1 }
                    if k < end && text[k] == UInt8(ascii: ">") { return k + 1 }
                }
                j = lt + 2
            }
            state.unclosedFrom[n] = close + 1
            return i + 1  // unclosed: plain text
        }
        return i + 1
    }

    /// A `[[…]]` at `i`: its target's bytes, its text's (after the first `|`) and where it ends.
    /// Nil when the brackets hold no valid title: a line break, or `[ ] { } < >` in the target.
    private func parseLink(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int)
        -> (target: Range<Int>, text: Range<Int>?, end: Int)? {
        var j = i + 2
        while j < end {
            let byte = text[j]
            if byte == UInt8(ascii: "|") { break }
            if byte == UInt8(ascii: "]") {
                guard j + 1 < end, text[j + 1] == UInt8(ascii: "]") else { return nil }
                return (i + 2..<j, nil, j + 2)
            }
            if byte == 0x0A || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
                || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") { return nil }
            j += 1
        }
        guard j < end else { return nil }
        // The text runs to the `]]` that closes this link, past whole `[[…]]` inside it (captions).
        let textStart = j + 1
        var k = textStart, open = 0
        let limit = min(end, textStart + Self.maximumLinkText)
        while k + 1 < limit {
            if text[k] == UInt8(ascii: "["), text[k + 1] == UInt8(ascii: "[") {
                open += 1
                k += 2
            } else if text[k] == UInt8(ascii: "]"), text[k + 1] == UInt8(ascii: "]") {
                if open == 0 { return (i + 2..<j, textStart..<k, k + 2) }
                open -= 1
                k += 2
            } else {
                k += 1
            }
        }
        return nil
    }

    /// The end of the letters (of any script, with their combining marks) right after `]]`.
    private func linkTrail(_ text: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var i = start
        while i < end {
            let lead = text[i]
            if lead < 0x80 {
                guard (lead >= 0x61 && lead <= 0x7A) || (lead >= 0x41 && lead <= 0x5A) else { break }
                i += 1
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard i + length <= end,
                  let scalar = String(decoding: UnsafeBufferPointer(rebasing: text[i..<(i + length)]), as: UTF8.self).unicodeScalars.first,
                  scalar != "\u{FFFD}",
                  scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark else { break }
            i += length
        }
        return i
    }

    /// The anchor text: the text after `|` (else the target as written, without a leading
    /// colon), white space collapsed, then the link trail.
    private func anchor(_ text: UnsafeBufferPointer<UInt8>, _ link: (target: Range<Int>, text: Range<Int>?, end: Int),
                        trail: Range<Int>) -> String {
        var shown = link.text.flatMap { range -> String? in
            let piped = collapse(String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self))
            return piped.isEmpty ? nil : piped
        } ?? collapse(String(decoding: UnsafeBufferPointer(rebasing: text[link.target]), as: UTF8.self))
        if link.text == nil && shown.hasPrefix(":") { shown = collapse(String(shown.dropFirst())) }
        return shown + String(decoding: UnsafeBufferPointer(rebasing: text[trail]), as: UTF8.self)
    }

    private func collapse(_ text: String) -> String {
        text.collapsingWhitespace
    }

    /// The host another wiki is served from: a language's Wikipedia, or a Wikimedia project
    /// in this wiki's language.
    static func host(ofPrefix prefix: String, site: SiteInfo) -> String {
        let language = site.host.split(separator: ".").first.map(String.init) ?? "en"
        switch prefix {
        case "w", "wikipedia": return "\(language).wikipedia.org"
        case "wikt", "wiktionary": return "\(language).wiktionary.org"
        case "s", "wikisource": return "\(language).wikisource.org"
        case "q", "wikiquote": return "\(language).wikiquote.org"
        case "b", "wikibooks": return "\(language).wikibooks.org"
        case "n", "wikinews": return "\(language).wikinews.org"
        case "v", "wikiversity": return "\(language).wikiversity.org"
        case "voy", "wikivoyage": return "\(language).wikivoyage.org"
        case "species", "wikispecies": return "species.wikimedia.org"
        case "commons": return "commons.wikimedia.org"
        case "m", "meta", "metawikimedia": return "meta.wikimedia.org"
        case "mw", "mediawikiwiki": return "www.mediawiki.org"
        case "d", "wikidata": return "www.wikidata.org"
        default: return "\(prefix).wikipedia.org"
        }
    }

    private func newlines(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var count = 0
        var i = from
        while i < to {
            if text[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }

    private func matches(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= end else { return false }
        for k in 0..<count where text[i + k] != literal.utf8Start[k] { return false }
        return true
    }

    /// An element name at `i`, in any case.
    private func matchesName(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ name: [UInt8]) -> Bool {
        guard i + name.count <= end else { return false }
        for k in 0..<name.count where text[i + k] | 0x20 != name[k] { return false }
        return true
    }

    private func find(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from start: Int, end: Int) -> Int? {
        var i = start
        while i + needle.count <= end {
            if text[i] == needle[0] {
                var k = 1
                while k < needle.count && text[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
