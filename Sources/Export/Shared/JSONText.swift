/// Minimal JSON string encoding for list-valued attributes, so that no separator can be
/// confused with the text it separates.
public enum JSONText {
    /// `["a","b"]`, with non-ASCII kept as characters.
    public static func array(_ items: [String]) -> String {
        var out: [UInt8] = []
        appendArray(items, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func string(_ text: String) -> String {
        var out: [UInt8] = []
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `array(items)`'s UTF-8 bytes.
    static func appendArray(_ items: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendString(item, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Appends `string(text)`'s UTF-8 bytes: `"`, `\` and line ends escaped, non-ASCII kept
    /// as characters, and the characters XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF)
    /// dropped, as from every text an export writes, so that every format carries the same text.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        text.withUTF8Bytes { bytes in
            out.appendEscaped(bytes) { byte in
                switch byte {
                case UInt8(ascii: "\""): return "\\\""
                case UInt8(ascii: "\\"): return "\\\\"
                case UInt8(ascii: "\n"): return "\\n"
                case UInt8(ascii: "\r"): return "\\r"
                case UInt8(ascii: "\t"): return "\\t"
                case 0x00..<0x20: return ""
                default: return nil
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
