/// Text made safe for XML 1.0: markup characters escaped, characters XML forbids dropped.
package enum XMLText {
    /// Appends `text` to `out`, escaped for element content, or for a double-quoted attribute
    /// when `attribute` is set. Non-ASCII text is written as UTF-8 characters, never as
    /// character references.
    package static func append(_ text: String, attribute: Bool = false, to out: inout [UInt8]) {
        text.withUTF8Bytes { append($0, attribute: attribute, to: &out) }
    }

    /// Appends UTF-8 `bytes` escaped as `append(_:attribute:to:)` does.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool = false, to out: inout [UInt8]) {
        out.appendEscaped(bytes) { byte in
            switch byte {
            case UInt8(ascii: "&"): return "&amp;"
            case UInt8(ascii: "<"): return "&lt;"
            case UInt8(ascii: ">"): return "&gt;"
            case UInt8(ascii: "\"") where attribute: return "&quot;"
            case 0x0D: return "&#13;"
            // In an attribute a parser reads a literal tab or line end as a space.
            case 0x09 where attribute: return "&#9;"
            case 0x0A where attribute: return "&#10;"
            case 0x09, 0x0A: return nil
            case 0x00..<0x20: return ""
            default: return nil
            }
        }
    }
}
