import CLibXML2
import Glibc

/// Reads an HTML page in one pass of libxml2's push parser with SAX callbacks, keeping only what
/// §1b asks for: no tree is built (on the MDN pages this is 1.7 times as fast as
/// `htmlReadMemory` and a walk over its tree; docs/html-reader.md has the figures).
///
/// The parser recovers from any markup, never touches the network (`HTML_PARSE_NONET`) and loads
/// no DTD: HTML has no entities but its own, so a `<!DOCTYPE>` with an internal subset defines
/// nothing and `&x;` stays text. Nesting is not limited (`XML_PARSE_HUGE`): the callbacks keep a
/// stack of their own, so 100,000 open elements cost memory in proportion, never recursion.
///
/// ```swift
/// let page = HTMLPageScanner.scan(bytes, encoding: .utf8, skip: [], firstLine: 1)
/// page.contentAnchors(.main)
/// ```
final class HTMLPageScanner {
    enum Encoding {
        /// The bytes are valid UTF-8 (checked); `<meta charset>` is not obeyed.
        case utf8
        /// The parser decides: a UTF-16 byte-order mark, or `<meta charset>`.
        case declared(xmlCharEncoding)
    }

    /// One open element, by its interned name, and what it counted when it opened.
    private struct Open {
        var name: UnsafePointer<xmlChar>
        var role: Role = .other
        var excludedInPage = false
        var excludedInMain = false
        /// For an `<a href>`: its index among the page's anchors.
        var anchor: Int?
    }

    private enum Role { case other, main, title, heading, anchor }

    private let skip: [ElementSelector]
    private let collectsIDs: Bool
    private let lineOffset: Int
    private var context: htmlParserCtxtPtr?
    private var page = HTMLPage()
    private var stack: [Open] = []
    private var mainOpen = false
    private var chromeInPage = 0
    private var chromeInMain = 0
    /// Text being gathered for the open `<a>` (by anchor index), `<title>` and the first `<h1>`.
    /// One anchor at a time: an `<a>` that starts inside another ends the other's text, as HTML5
    /// closes it, so that anchors libxml2 nests (`<a><b><a>`…) never gather the same text twice.
    private var anchorText: (index: Int, bytes: [UInt8])?
    private var titleText: [UInt8]?
    private var headingText: [UInt8]?

    private static let chrome: Set<String> = ["nav", "header", "footer", "aside"]

    private init(skip: [ElementSelector], firstLine: Int, collectsIDs: Bool) {
        self.skip = skip
        self.collectsIDs = collectsIDs
        self.lineOffset = firstLine - 1
    }

    /// The page in `bytes`; line numbers count from `firstLine` (the line the markup starts on,
    /// after any front matter).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, encoding: Encoding, skip: [ElementSelector], firstLine: Int,
                     collectsIDs: Bool = false) -> HTMLPage {
        initializeOnce
        let scanner = HTMLPageScanner(skip: skip, firstLine: firstLine, collectsIDs: collectsIDs)
        var sax = htmlSAXHandler()
        sax.startElement = { user, name, attributes in
            guard let user, let name else { return }
            Unmanaged<HTMLPageScanner>.fromOpaque(user).takeUnretainedValue().start(name, attributes)
        }
        sax.endElement = { user, name in
            guard let user, let name else { return }
            Unmanaged<HTMLPageScanner>.fromOpaque(user).takeUnretainedValue().end(name)
        }
        let characters: charactersSAXFunc = { user, text, length in
            guard let user, let text, length > 0 else { return }
            Unmanaged<HTMLPageScanner>.fromOpaque(user).takeUnretainedValue().text(UnsafeBufferPointer(start: text, count: Int(length)))
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        // Script and style content is not text a reader sees.
        sax.cdataBlock = { _, _, _ in }

        var options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | XML_PARSE_HUGE.rawValue
        let characterEncoding: xmlCharEncoding
        switch encoding {
        case .utf8:
            characterEncoding = XML_CHAR_ENCODING_UTF8
            options |= HTML_PARSE_IGNORE_ENC.rawValue
        case .declared(let declared):
            characterEncoding = declared
        }
        let user = Unmanaged.passUnretained(scanner).toOpaque()
        guard let context = htmlCreatePushParserCtxt(&sax, user, nil, 0, nil, characterEncoding) else { return scanner.page }
        defer { htmlFreeParserCtxt(context) }
        scanner.context = context
        htmlCtxtUseOptions(context, Int32(bitPattern: options))
        // The push parser takes at most Int32.max bytes a call; a page is far smaller (the format's limit).
        let raw = UnsafeRawBufferPointer(bytes).bindMemory(to: CChar.self)
        var start = 0
        repeat {
            let count = min(bytes.count - start, 1 << 30)
            htmlParseChunk(context, raw.baseAddress.map { $0 + start }, Int32(count), start + count == bytes.count ? 1 : 0)
            start += count
        } while start < bytes.count
        withExtendedLifetime(scanner) {}
        return scanner.page
    }

    /// libxml2 sets up its global tables once, before threads parse at the same time.
    private static let initializeOnce: Void = xmlInitParser()

    private var line: Int {
        lineOffset + Int(context?.pointee.input?.pointee.line ?? 1)
    }

    private func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let tag = String(cString: name)
        var open = Open(name: name)
        if collectsIDs {
            if let id = attribute("id", attributes), !id.isEmpty { page.ids.append(id) }
            if tag == "a", let anchorName = attribute("name", attributes), !anchorName.isEmpty { page.ids.append(anchorName) }
        }
        switch tag {
        case "html":
            if page.lang == nil { page.lang = attribute("lang", attributes).map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 } }
        case "main" where !page.hasMain:
            page.hasMain = true
            mainOpen = true
            open.role = .main
        case "title" where page.title == nil && titleText == nil:
            open.role = .title
            titleText = []
        case "h1" where page.firstHeading == nil && headingText == nil:
            open.role = .heading
            headingText = []
        case "base" where page.baseHref == nil:
            page.baseHref = attribute("href", attributes)
        case "meta":
            readMeta(attributes)
        case "link" where page.canonical == nil:
            if let rel = attribute("rel", attributes), rel.split(whereSeparator: \.isHTMLSpace).contains(where: { $0.lowercased() == "canonical" }) {
                page.canonical = attribute("href", attributes)
            }
        case "a":
            endAnchorText()
            if let href = attribute("href", attributes) {
                open.role = .anchor
                open.anchor = page.anchors.count
                anchorText = (page.anchors.count, [])
                page.anchors.append(HTMLPage.Anchor(href: href, text: "", line: line, inMain: mainOpen && chromeInMain == 0,
                                                    outsideChrome: chromeInPage == 0))
            }
        default:
            break
        }
        if Self.chrome.contains(tag) || (!skip.isEmpty && skip.contains(where: {
            $0.matches(tag: tag, classes: attribute("class", attributes), id: attribute("id", attributes))
        })) {
            open.excludedInPage = true
            chromeInPage += 1
            if mainOpen && open.role != .main {
                open.excludedInMain = true
                chromeInMain += 1
            }
        }
        stack.append(open)
    }

    private func end(_ name: UnsafePointer<xmlChar>) {
        // The parser closes what it opened; an end it never opened (a stray `</p>`) is skipped.
        guard let index = stack.lastIndex(where: { $0.name == name || Self.equal($0.name, name) }) else { return }
        while stack.count > index { close(stack.removeLast()) }
    }

    private func close(_ open: Open) {
        if open.excludedInPage { chromeInPage -= 1 }
        if open.excludedInMain { chromeInMain -= 1 }
        switch open.role {
        case .other: break
        case .main: mainOpen = false
        case .title:
            page.title = titleText.map { String(decoding: $0, as: UTF8.self).collapsingWhiteSpace }.flatMap { $0.isEmpty ? nil : $0 }
            titleText = nil
        case .heading:
            page.firstHeading = headingText.map { String(decoding: $0, as: UTF8.self).collapsingWhiteSpace }.flatMap { $0.isEmpty ? nil : $0 }
            headingText = nil
        case .anchor:
            if anchorText?.index == open.anchor { endAnchorText() }
        }
    }

    private func endAnchorText() {
        guard let (index, bytes) = anchorText else { return }
        page.anchors[index].text = String(decoding: bytes, as: UTF8.self).collapsingWhiteSpace
        anchorText = nil
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        anchorText?.bytes.append(contentsOf: bytes)
        if titleText != nil { titleText?.append(contentsOf: bytes) }
        if headingText != nil { headingText?.append(contentsOf: bytes) }
    }

    /// `<meta name="description|keywords" content="…">`, the first of each.
    private func readMeta(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let name = attribute("name", attributes)?.trimmingSpaces.lowercased(), let content = attribute("content", attributes) else { return }
        let value = content.trimmingSpaces
        guard !value.isEmpty else { return }
        if name == "description" && page.description == nil { page.description = value.collapsingWhiteSpace }
        if name == "keywords" && page.keywords == nil { page.keywords = value }
    }

    private static func equal(_ a: UnsafePointer<xmlChar>, _ b: UnsafePointer<xmlChar>) -> Bool {
        a.withMemoryRebound(to: CChar.self, capacity: 1) { a in b.withMemoryRebound(to: CChar.self, capacity: 1) { strcmp(a, $0) == 0 } }
    }

    private static func equal(_ a: UnsafePointer<xmlChar>, _ b: String) -> Bool {
        a.withMemoryRebound(to: CChar.self, capacity: 1) { strcmp($0, b) == 0 }
    }

    /// The value of the attribute `name` (lower case, as the parser gives names); an attribute
    /// written without a value is empty.
    private func attribute(_ name: String, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> String? {
        guard let attributes else { return nil }
        var i = 0
        while let key = attributes[i] {
            if Self.equal(key, name) { return attributes[i + 1].map { String(cString: $0) } ?? "" }
            i += 2
        }
        return nil
    }
}
