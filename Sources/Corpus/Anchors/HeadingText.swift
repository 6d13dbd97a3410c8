import TermgraphCore
/// What a heading's inline Markdown reads as, for its id: the text of its text runs, code spans
/// and link texts — emphasis marks, images, raw HTML and line breaks left out, escapes and
/// character references decoded — as a renderer's text content would be. Also its explicit id:
/// `{#id}` at the end (Pandoc, kramdown, markdown-it-attrs) or react.dev's MDX `{/*id*/}`.
///
/// ```swift
/// HeadingText("The `useState` *hook* {#state}")  // text "The useState hook", id "state"
/// ```
package struct HeadingText {
    /// The heading as a reader sees it.
    package var text: String
    /// The id written on the heading, which replaces the generated one.
    package var explicitID: String?

    init(_ source: [UInt8], definitions: [String: String] = [:]) {
        var content = source[...]
        explicitID = Self.takeExplicitID(&content)
        var reader = Reader(bytes: Array(content), definitions: definitions)
        text = reader.plainText()
    }

    package init(_ source: String) { self.init(Array(source.utf8)) }

    /// `{#id}` or `{/*id*/}` ending the heading: the id, cut off with the spaces before it.
    private static func takeExplicitID(_ content: inout ArraySlice<UInt8>) -> String? {
        var end = content.endIndex
        while end > content.startIndex && (content[end - 1] == 0x20 || content[end - 1] == 0x09) { end -= 1 }
        guard end > content.startIndex, content[end - 1] == UInt8(ascii: "}"),
              let open = content[..<end].lastIndex(of: UInt8(ascii: "{")) else { return nil }
        let inner = String(decoding: content[(open + 1)..<(end - 1)], as: UTF8.self)
        var id: Substring
        if inner.hasPrefix("#") {
            id = inner.dropFirst()
        } else if inner.hasPrefix("/*") && inner.hasSuffix("*/") && inner.count >= 4 {
            id = inner.dropFirst(2).dropLast(2)
        } else {
            return nil
        }
        id = id.drop { $0 == " " }
        while id.last == " " { id = id.dropLast() }
        guard !id.isEmpty, !id.contains(where: \.isWhitespace) else { return nil }
        var cut = open
        while cut > content.startIndex && (content[cut - 1] == 0x20 || content[cut - 1] == 0x09) { cut -= 1 }
        content = content[..<cut]
        return String(id)
    }

    /// One pass over the inline bytes, gathering text and emphasis delimiter runs, which are
    /// matched afterwards by CommonMark's rules; a run left unmatched is literal text.
    private struct Reader {
        let bytes: [UInt8]
        let definitions: [String: String]

        private enum Piece {
            case text([UInt8])
            case delimiter(Delimiter)
        }

        private struct Delimiter {
            var mark: UInt8
            var length: Int
            var remaining: Int
            var canOpen: Bool
            var canClose: Bool
        }

        init(bytes: [UInt8], definitions: [String: String]) {
            self.bytes = bytes
            self.definitions = definitions
        }

        mutating func plainText() -> String {
            var pieces = self.pieces(0, bytes.count)
            Self.matchDelimiters(&pieces)
            var out: [UInt8] = []
            for piece in pieces {
                switch piece {
                case .text(let text): out += text
                case .delimiter(let run): out += Array(repeating: run.mark, count: run.remaining)
                }
            }
            var text = String(decoding: out, as: UTF8.self)
            while text.first == " " || text.first == "\t" { text.removeFirst() }
            while text.last == " " || text.last == "\t" { text.removeLast() }
            return text
        }

        private func pieces(_ from: Int, _ to: Int) -> [Piece] {
            var pieces: [Piece] = []
            var text: [UInt8] = []
            func flush() {
                if !text.isEmpty { pieces.append(.text(text)) }
                text = []
            }
            var i = from
            while i < to {
                let c = bytes[i]
                switch c {
                case UInt8(ascii: "\\"):
                    if i + 1 < to && isPunctuation(bytes[i + 1]) {
                        text.append(bytes[i + 1])
                        i += 2
                    } else if i + 1 < to && bytes[i + 1] == 0x0A {
                        i += 1
                    } else {
                        text.append(c)
                        i += 1
                    }
                case UInt8(ascii: "`"):
                    let run = runLength(i, to, c)
                    if let (content, end) = codeSpan(i, run, to) {
                        text += content
                        i = end
                    } else {
                        text += bytes[i..<(i + run)]
                        i += run
                    }
                case UInt8(ascii: "&"):
                    if let (decoded, end) = characterReference(i, to) {
                        text += decoded
                        i = end
                    } else {
                        text.append(c)
                        i += 1
                    }
                case UInt8(ascii: "<"):
                    if let (inner, end) = autolink(i, to) {
                        text += inner
                        i = end
                    } else if let end = tagEnd(i, to) {
                        i = end
                    } else {
                        text.append(c)
                        i += 1
                    }
                case UInt8(ascii: "!") where i + 1 < to && bytes[i + 1] == UInt8(ascii: "["):
                    if let (_, end) = link(i + 1, to) {
                        i = end
                    } else {
                        text.append(c)
                        i += 1
                    }
                case UInt8(ascii: "["):
                    if let (label, end) = link(i, to) {
                        flush()
                        pieces += self.pieces(label.lowerBound, label.upperBound)
                        i = end
                    } else {
                        text.append(c)
                        i += 1
                    }
                case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    let run = runLength(i, to, c)
                    if c == UInt8(ascii: "~") && run != 2 {
                        text += bytes[i..<(i + run)]
                    } else {
                        flush()
                        pieces.append(.delimiter(delimiter(i, run, to)))
                    }
                    i += run
                case 0x0A:
                    while text.last == 0x20 || text.last == 0x09 { text.removeLast() }
                    i += 1
                    while i < to && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
                default:
                    text.append(c)
                    i += 1
                }
            }
            flush()
            return pieces
        }

        private func runLength(_ i: Int, _ to: Int, _ c: UInt8) -> Int {
            var j = i
            while j < to && bytes[j] == c { j += 1 }
            return j - i
        }

        /// A code span opened by `run` backticks at `i`: its content (line ends as spaces, one
        /// space stripped from each end when both have one) and the position after it.
        private func codeSpan(_ i: Int, _ run: Int, _ to: Int) -> ([UInt8], Int)? {
            var j = i + run
            while j < to {
                guard bytes[j] == UInt8(ascii: "`") else {
                    j += 1
                    continue
                }
                let close = runLength(j, to, UInt8(ascii: "`"))
                if close == run {
                    var content = bytes[(i + run)..<j].map { $0 == 0x0A ? 0x20 : $0 }
                    if content.count >= 2, content.first == 0x20, content.last == 0x20, content.contains(where: { $0 != 0x20 }) {
                        content = Array(content.dropFirst().dropLast())
                    }
                    return (content, j + close)
                }
                j += close
            }
            return nil
        }

        private func characterReference(_ i: Int, _ to: Int) -> ([UInt8], Int)? {
            guard let semi = bytes[i..<min(to, i + 34)].firstIndex(of: UInt8(ascii: ";")), semi > i + 1 else { return nil }
            let written = Array(bytes[i...semi])
            let decoded = InlineLinkScanner.decodeEntities(written)
            guard decoded.utf8.count != written.count || Array(decoded.utf8) != written else { return nil }
            return (Array(decoded.utf8), semi + 1)
        }

        /// `<scheme:…>` or `<user@host>`: its text, as a renderer shows it.
        private func autolink(_ i: Int, _ to: Int) -> ([UInt8], Int)? {
            guard let close = bytes[(i + 1)..<to].firstIndex(of: UInt8(ascii: ">")), close > i + 1 else { return nil }
            let inner = bytes[(i + 1)..<close]
            guard !inner.contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: "<") }), let first = inner.first, isLetter(first) else { return nil }
            let scheme = inner.prefix { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
            let isURL = scheme.count >= 2 && scheme.count <= 32 && scheme.endIndex < inner.endIndex && inner[scheme.endIndex] == UInt8(ascii: ":")
            let isMail = !isURL && inner.contains(UInt8(ascii: "@")) && !inner.contains(UInt8(ascii: "\\"))
            return isURL || isMail ? (Array(inner), close + 1) : nil
        }

        private func tagEnd(_ i: Int, _ to: Int) -> Int? {
            Array(bytes[i..<to]).withUnsafeBufferPointer { b in
                var memo = SearchMemo(b)
                return InlineHTML.end(b, 0, &memo).map { i + $0 }
            }
        }

        /// `[label](destination)`, `[label][ref]`, `[label][]` or `[label]` with a definition,
        /// starting at `open`: the label's range and the position after the link.
        private func link(_ open: Int, _ to: Int) -> (Range<Int>, Int)? {
            var depth = 0, j = open
            var close: Int?
            while j < to {
                let c = bytes[j]
                if c == UInt8(ascii: "\\") { j += 2; continue }
                if c == UInt8(ascii: "`") {
                    let run = runLength(j, to, c)
                    j = codeSpan(j, run, to)?.1 ?? j + run
                    continue
                }
                if c == UInt8(ascii: "[") { depth += 1 }
                if c == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { close = j; break }
                }
                j += 1
            }
            guard let close else { return nil }
            let label = (open + 1)..<close
            let after = close + 1
            if after < to && bytes[after] == UInt8(ascii: "(") {
                var parens = 0, k = after
                while k < to {
                    if bytes[k] == UInt8(ascii: "\\") { k += 2; continue }
                    if bytes[k] == UInt8(ascii: "(") { parens += 1 }
                    if bytes[k] == UInt8(ascii: ")") {
                        parens -= 1
                        if parens == 0 { return (label, k + 1) }
                    }
                    k += 1
                }
                return nil
            }
            if after < to && bytes[after] == UInt8(ascii: "["), let end = bytes[(after + 1)..<to].firstIndex(of: UInt8(ascii: "]")) {
                let ref = end == after + 1 ? Array(bytes[label]) : Array(bytes[(after + 1)..<end])
                if definitions[InlineLinkScanner.normalizeLabel(ref)] != nil { return (label, end + 1) }
                return nil
            }
            if definitions[InlineLinkScanner.normalizeLabel(Array(bytes[label]))] != nil { return (label, after) }
            return nil
        }

        private func delimiter(_ i: Int, _ run: Int, _ to: Int) -> Delimiter {
            let before = scalar(endingAt: i), after = scalar(startingAt: i + run, to)
            let spaceAfter = after.map(Self.isSpace) ?? true, spaceBefore = before.map(Self.isSpace) ?? true
            let punctAfter = after.map(Self.isPunct) ?? false, punctBefore = before.map(Self.isPunct) ?? false
            let left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore)
            let right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter)
            let mark = bytes[i]
            if mark == UInt8(ascii: "_") {
                return Delimiter(mark: mark, length: run, remaining: run, canOpen: left && (!right || punctBefore),
                                 canClose: right && (!left || punctAfter))
            }
            return Delimiter(mark: mark, length: run, remaining: run, canOpen: left, canClose: right)
        }

        private func scalar(endingAt i: Int) -> Unicode.Scalar? {
            guard i > 0 else { return nil }
            var start = i - 1
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self).unicodeScalars.first
        }

        private func scalar(startingAt i: Int, _ to: Int) -> Unicode.Scalar? {
            guard i < to else { return nil }
            var end = i + 1
            while end < to && bytes[end] & 0xC0 == 0x80 { end += 1 }
            return String(decoding: bytes[i..<end], as: UTF8.self).unicodeScalars.first
        }

        private static func isSpace(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\t" || s == "\n" || s.properties.generalCategory == .spaceSeparator
        }

        private static func isPunct(_ s: Unicode.Scalar) -> Bool {
            if s.isASCII { return isPunctuation(UInt8(s.value)) }
            switch s.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return true
            default: return false
            }
        }

        /// CommonMark's "process emphasis": each closer, from the left, takes the nearest opener
        /// of its mark (not when the rule of three forbids it); the runs between are literal.
        private static func matchDelimiters(_ pieces: inout [Piece]) {
            var closerIndex = 0
            while closerIndex < pieces.count {
                guard case .delimiter(var closer) = pieces[closerIndex], closer.canClose, closer.remaining > 0 else {
                    closerIndex += 1
                    continue
                }
                var matched = false
                var openerIndex = closerIndex - 1
                while openerIndex >= 0 {
                    if case .delimiter(var opener) = pieces[openerIndex], opener.mark == closer.mark, opener.canOpen, opener.remaining > 0 {
                        let ruleOfThree = (opener.canClose || closer.canOpen) && (opener.length + closer.length) % 3 == 0
                            && !(opener.length % 3 == 0 && closer.length % 3 == 0)
                        let tildes = closer.mark == UInt8(ascii: "~")
                        if !ruleOfThree || tildes {
                            let used = tildes ? 2 : (opener.remaining >= 2 && closer.remaining >= 2 ? 2 : 1)
                            opener.remaining -= used
                            closer.remaining -= used
                            pieces[openerIndex] = .delimiter(opener)
                            pieces[closerIndex] = .delimiter(closer)
                            // The runs between the two can no longer match.
                            for k in (openerIndex + 1)..<closerIndex {
                                if case .delimiter(var between) = pieces[k] {
                                    between.canOpen = false
                                    between.canClose = false
                                    pieces[k] = .delimiter(between)
                                }
                            }
                            matched = true
                            break
                        }
                    }
                    openerIndex -= 1
                }
                if !matched || closer.remaining == 0 { closerIndex += 1 }
            }
        }
    }
}
