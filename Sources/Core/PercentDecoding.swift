/// `%XX` escapes decoded; a malformed escape stays as written, and so does the whole text when
/// the decoded bytes are not UTF-8.
package func percentDecode(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
    var bytes: [UInt8] = []
    let source = Array(text.utf8)
    var i = 0
    while i < source.count {
        if source[i] == UInt8(ascii: "%"), i + 2 < source.count, let high = hexValue(source[i + 1]), let low = hexValue(source[i + 2]) {
            bytes.append(high << 4 | low)
            i += 3
        } else {
            bytes.append(source[i])
            i += 1
        }
    }
    return String(validating: bytes, as: UTF8.self) ?? text
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x41...0x46: return c - 0x41 + 10
    case 0x61...0x66: return c - 0x61 + 10
    default: return nil
    }
}
