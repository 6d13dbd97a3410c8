/// Text made safe for XML 1.0: markup characters escaped, characters XML forbids dropped.
enum XMLText {
    /// Appends `text` to `out`, escaped for element content, or for a double-quoted attribute
    /// when `attribute` is set. Non-ASCII text is written as UTF-8 characters, never as
    /// character references.
    static func append(_ text: String, attribute: Bool = false, to out: inout [UInt8]) {
        text.withUTF8Bytes { append($0, attribute: attribute, to: &out) }
    }

    /// Appends UTF-8 `bytes` escaped as `append(_:attribute:to:)` does. Runs of bytes that need
    /// no escaping, nearly all of any text, are copied at once.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool = false, to out: inout [UInt8]) {
        var copied = 0
        var i = 0
        while i < bytes.count {
            var replacement: StaticString = ""
            var length = 1
            switch bytes[i] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
            case 0x0D: replacement = "&#13;"
            case 0x09, 0x0A: i += 1; continue
            case 0x00..<0x20: break
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE:
                length = 3  // U+FFFE, U+FFFF
            default: i += 1; continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
            out.append(replacement)
            i += length
            copied = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
    }
}
