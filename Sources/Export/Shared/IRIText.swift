/// Text made into (part of) an IRI: what an IRI cannot hold percent-encoded as UTF-8, letters
/// of any script kept as characters (`https://example.com/terms/تسوية`).
///
/// ```swift
/// IRIText.segment("a b/c:d")   // "a%20b/c%3Ad"
/// ```
enum IRIText {
    /// A slug or a relative path as IRI path text: ASCII letters, digits, `-._~` and `/` are
    /// kept, every other ASCII character is encoded (so `:` `#` `?` `%` never act as syntax), and
    /// so are the characters RFC 3987 keeps out of IRIs (bidi controls, non-characters, private use).
    static func segment(_ text: String) -> String {
        encode(text) { scalar in
            if scalar.isASCII {
                let c = UInt8(scalar.value)
                return isLetterOrDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_")
                    || c == UInt8(ascii: "~") || c == UInt8(ascii: "/")
            }
            return isIRICharacter(scalar)
        }
    }

    /// A base IRI as configured: only what Turtle and XML cannot hold in an IRI is encoded
    /// (controls, space, `<>"{}|^\` and the backquote); its `:` `/` `#` `?` stay syntax.
    static func base(_ text: String) -> String {
        encode(text) { scalar in
            if scalar.isASCII { return scalar.value > 0x20 && scalar.value != 0x7F && !"<>\"{}|^`\\".unicodeScalars.contains(scalar) }
            return isIRICharacter(scalar)
        }
    }

    private static func isLetterOrDigit(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
    }

    /// RFC 3987's `ucschar`, less the bidi formatting characters it says IRIs must not use.
    private static func isIRICharacter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
        if (0xA0...0xD7FF).contains(v) || (0xF900...0xFDCF).contains(v) || (0xFDF0...0xFFEF).contains(v) { return true }
        return v >= 0x10000 && v <= 0xEFFFD && v & 0xFFFE != 0xFFFE
    }

    private static func encode(_ text: String, keeping: (Unicode.Scalar) -> Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if keeping(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 {
                    out += "%"
                    out += String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
                }
            }
        }
        return out
    }
}
