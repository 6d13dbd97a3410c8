import Foundation

/// The identity form of slugs and link targets: NFC, case-folded, without the characters no
/// export can write, compared in Unicode scalar order.
///
/// ```swift
/// TermKey.normalize("Web/API/Gamepad")  // "web/api/gamepad"
/// ```
package enum TermKey {
    /// NFC and full Unicode case folding (`Straße` → `strasse`), with an ASCII fast path
    /// that keeps Foundation out of the common case. The characters XML 1.0 forbids (C0
    /// controls but tab and line ends, U+FFFE, U+FFFF) are dropped: every export drops them, so
    /// two slugs that differ only in them would be written as one id (JSON, Neo4j) and read
    /// back as one node. Dropped from the key, they make the same article, or a duplicate.
    package static func normalize(_ text: String) -> String {
        var isASCII = true
        var hasUpper = false
        var hasUnwritable = false
        for byte in text.utf8 {
            if byte >= 0x80 { isASCII = false; break }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
            if byte < 0x20 && isUnwritable(Unicode.Scalar(byte)) { hasUnwritable = true }
        }
        if isASCII {
            guard hasUpper || hasUnwritable else { return text }
            return String(decoding: text.utf8.compactMap { byte -> UInt8? in
                if byte < 0x20 && isUnwritable(Unicode.Scalar(byte)) { return nil }
                return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }, as: UTF8.self)
        }
        let folded = text.folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCanonicalMapping
        guard folded.unicodeScalars.contains(where: isUnwritable) else { return folded }
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { !isUnwritable($0) }))
    }

    /// A character XML 1.0 does not allow, which every export drops from what it writes.
    package static func isUnwritable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }

    /// Unicode scalar order, which for UTF-8 is byte order: compared over the strings' own
    /// bytes (a graph's nodes are sorted by key, and a million keys take twenty million
    /// comparisons).
    @inlinable package static func precedes(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for i in 0..<min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] }
                return x.count < y.count
            }
        }
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
