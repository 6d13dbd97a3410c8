import CLibXML2
import Foundation

/// Walks a dump with libxml2's streaming `xmlTextReader`: `<siteinfo>` first, then one
/// `DumpPage` at a time, so that only the page being read is in memory.
///
/// The parser never loads a DTD, never substitutes entities and never touches the network
/// (no `XML_PARSE_NOENT`, no `XML_PARSE_DTDLOAD`, always `XML_PARSE_NONET`): an entity
/// reference is a node of its own that nothing expands, so neither an entity bomb nor an
/// external entity (`file:///etc/passwd`) can reach the text. (`DumpInput` already leaves a
/// DOCTYPE out and makes undeclared references text, so that libxml2 does not stop at them.)
final class DumpParser {
    /// Why parsing stopped early, with the line where it did.
    struct Failure {
        var line: Int
        var message: String
    }

    private let input: DumpInput
    private let reader: xmlTextReaderPtr?

    init(_ input: DumpInput, path: String) {
        self.input = input
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_RECOVER.rawValue)
        let context = Unmanaged.passUnretained(input).toOpaque()
        reader = xmlReaderForIO({ context, buffer, length in
            guard let context, let buffer, length > 0 else { return 0 }
            let input = Unmanaged<DumpInput>.fromOpaque(context).takeUnretainedValue()
            return Int32(input.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
        }, nil, context, path, nil, options)
        // Errors are read from xmlGetLastError and reported as problems, never printed.
        if let reader { xmlTextReaderSetStructuredErrorHandler(reader, { _, _ in }, nil) }
        xmlResetLastError()
    }

    deinit {
        if let reader { xmlFreeTextReader(reader) }
    }

    /// Reads the whole dump: `siteInfo` once `<siteinfo>` has been read (or at the first page
    /// when there is none), `page` for every page. Returns false when the root is not
    /// `<mediawiki>` (the file is not a dump); `failure` then says why parsing stopped, if it did.
    func parse(siteInfo: (SiteInfoElements) -> Void, page: (DumpPage) -> Void) -> Bool {
        guard let reader else {
            failure = Failure(line: 1, message: "libxml2 cannot start a reader (out of memory)")
            return true
        }
        var site = SiteInfoElements()
        var siteGiven = false
        var current: DumpPage?
        var rootSeen = false
        while true {
            let status = xmlTextReaderRead(reader)
            if status != 1 {
                if status < 0 {
                    noteFailure(page: current)
                    // Failing before the root: a dump when its bytes said so, or its bytes failed.
                    if !rootSeen { return input.namesRoot || input.failure != nil }
                }
                break
            }
            let type = xmlTextReaderNodeType(reader)
            let depth = xmlTextReaderDepth(reader)
            guard type == Int32(XML_READER_TYPE_ELEMENT.rawValue) || type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) else {
                continue
            }
            let name = localName()
            let isStart = type == Int32(XML_READER_TYPE_ELEMENT.rawValue)
            if depth == 0 {
                guard rootSeen || name == "mediawiki" else { return false }
                rootSeen = true
                if isStart, let lang = attribute("xml:lang") { site.language = lang }
                continue
            }
            if !rootSeen { return false }
            switch (depth, name, isStart) {
            case (1, "siteinfo", false):
                siteInfo(site)
                siteGiven = true
            case (2, "base", true) where !siteGiven:
                site.base = elementText()
            case (3, "namespace", true) where !siteGiven:
                if let key = attribute("key").flatMap({ Int($0) }) { site.namespaces.append((key, elementText() ?? "")) }
            case (1, "page", true):
                if !siteGiven {
                    siteInfo(site)
                    siteGiven = true
                }
                var new = DumpPage()
                new.line = input.scanned ? input.pageLines.popFirst() ?? parserLine : parserLine
                // Replacements before this page's tag belong to the pages before it.
                while let repair = input.repairs.first, repair.line < new.line { _ = input.repairs.popFirst() }
                current = new
                if xmlTextReaderIsEmptyElement(reader) == 1 { current = nil }
            case (1, "page", false):
                if var done = current {
                    claimReplacements(&done, before: input.pageLines.first)
                    page(done)
                }
                current = nil
            case (2, "title", true):
                current?.title = elementText() ?? ""
            case (2, "ns", true):
                current?.namespace = Int((elementText() ?? "").trimmingCharacters(in: .whitespaces)) ?? 0
            case (2, "redirect", true):
                current?.redirect = attribute("title")
            case (3, "text", true):
                guard let pageLine = current?.line else { continue }
                // A `<text` the byte scanner saw that libxml2 did not read as this page's text
                // (inside broken markup before the page) is not this text's line.
                while let stale = input.textLines.first, stale < pageLine { _ = input.textLines.popFirst() }
                let line = input.scanned ? input.textLines.popFirst() ?? parserLine : parserLine
                readText(into: &current!, line: max(line, pageLine))
            default:
                continue
            }
        }
        return rootSeen
    }

    private(set) var failure: Failure?

    private var parserLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    private func localName() -> String {
        guard let name = xmlTextReaderConstLocalName(reader) else { return "" }
        return String(cString: name)
    }

    private func attribute(_ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }

    /// The text of a small element (a title, a number).
    private func elementText() -> String? {
        guard let value = xmlTextReaderReadString(reader) else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }

    /// The content of the `<text>` element the reader is on, node by node, up to its end tag.
    private func readText(into page: inout DumpPage, line: Int) {
        page.text.removeAll(keepingCapacity: false)
        page.textLine = line
        guard xmlTextReaderIsEmptyElement(reader) != 1 else { return }
        let depth = xmlTextReaderDepth(reader)
        while xmlTextReaderRead(reader) == 1 {
            let type = xmlTextReaderNodeType(reader)
            if type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) && xmlTextReaderDepth(reader) == depth { return }
            switch type {
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue),
                 Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
                if let value = xmlTextReaderConstValue(reader) {
                    page.text.append(contentsOf: UnsafeBufferPointer(start: value, count: strlen(value)))
                }
            default:
                continue
            }
        }
        noteFailure(page: page)
    }

    /// The page's replaced bytes: those on lines before the next page's tag.
    private func claimReplacements(_ page: inout DumpPage, before next: Int?) {
        while let repair = input.repairs.first, next.map({ repair.line < $0 }) ?? true {
            _ = input.repairs.popFirst()
            if page.repairs.count < 8 { page.repairs.append(repair) }
        }
    }

    /// Why the parse stopped: a failure of the bytes underneath (a truncated `.bz2`), with the
    /// page it stopped in, else libxml2's own error at its line (libxml2 parses ahead of the
    /// page being read, so no page is named).
    private func noteFailure(page: DumpPage?) {
        guard failure == nil else { return }
        if let underneath = input.failure {
            let inPage = page.map { $0.title.isEmpty ? "" : " (in page \"\($0.title)\")" } ?? ""
            failure = Failure(line: input.line, message: underneath + inPage + "; the pages before it are read")
            return
        }
        var message = "the XML ends early"
        var line = parserLine
        if let error = xmlGetLastError() {
            let text = error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
            message = "the XML is not well-formed: " + text.trimmingCharacters(in: .whitespacesAndNewlines)
            if error.pointee.line > 0 { line = Int(error.pointee.line) }
        }
        failure = Failure(line: line, message: message + "; pages from there on may be missing")
    }
}
