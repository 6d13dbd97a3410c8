import Foundation

/// The identity form of slugs and link targets: NFC, case-folded, compared in Unicode scalar order.
///
/// ```swift
/// TermKey.normalize("Web/API/Gamepad")  // "web/api/gamepad"
/// ```
package enum TermKey {
    /// NFC and full Unicode case folding (`Straße` → `strasse`), with an ASCII fast path
    /// that keeps Foundation out of the common case.
    package static func normalize(_ text: String) -> String {
        var isASCII = true
        var hasUpper = false
        for byte in text.utf8 {
            if byte >= 0x80 { isASCII = false; break }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
        }
        if isASCII {
            guard hasUpper else { return text }
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return text.folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCanonicalMapping
    }

    /// Unicode scalar order, which for UTF-8 is byte order.
    @inlinable package static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

extension TermKey {
    /// The text without leading and trailing `/`.
    package static func trimSlashes(_ text: String) -> String {
        var slice = Substring(text)
        while slice.hasPrefix("/") { slice = slice.dropFirst() }
        while slice.hasSuffix("/") { slice = slice.dropLast() }
        return String(slice)
    }
}
