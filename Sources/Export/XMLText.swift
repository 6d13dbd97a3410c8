/// Text made safe for XML 1.0: markup characters escaped, characters XML forbids dropped.
enum XMLText {
    /// Appends `text` to `out`, escaped for element content, or for a double-quoted attribute
    /// when `attribute` is set. Non-ASCII text is written as UTF-8 characters, never as
    /// character references.
    static func append(_ text: String, attribute: Bool = false, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\"") where attribute: out.append(contentsOf: "&quot;".utf8)
                case 0x0D: out.append(contentsOf: "&#13;".utf8)
                case 0x09, 0x0A: out.append(byte)
                case 0x00..<0x20: break
                case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE:
                    i += 2  // U+FFFE, U+FFFF
                default: out.append(byte)
                }
                i += 1
            }
        }
    }
}
