import CLibXML2

/// The encoding a page declares when it is not UTF-8 (§1b): a UTF-16 byte-order mark, or a
/// `<meta charset>` (or `http-equiv` content type) within the first 1024 bytes, as browsers
/// look for it. Nil means UTF-8, which `TextDecoding` then checks.
enum PageEncoding {
    static func declared(in bytes: [UInt8]) -> xmlCharEncoding? {
        if bytes.starts(with: [0xFF, 0xFE]) { return XML_CHAR_ENCODING_UTF16LE }
        if bytes.starts(with: [0xFE, 0xFF]) { return XML_CHAR_ENCODING_UTF16BE }
        guard let name = metaCharset(bytes.prefix(1024)) else { return nil }
        // Named in a meta element: the parser reads the meta element and switches to it.
        return ["utf-8", "utf8", "unicode-1-1-utf-8"].contains(name) ? nil : XML_CHAR_ENCODING_NONE
    }

    /// The lower-cased value after `charset=` inside the first `<meta` tag that has one.
    static func metaCharset(_ head: ArraySlice<UInt8>) -> String? {
        let lower = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var i = 0
        while let tag = find("<meta", in: lower, from: i, to: lower.count) {
            let end = lower[tag...].firstIndex(of: UInt8(ascii: ">")) ?? lower.count
            i = end
            guard let at = find("charset", in: lower, from: tag, to: end) else { continue }
            var j = at + 7
            while j < end, [0x20, 0x09, 0x0A, 0x0D].contains(lower[j]) { j += 1 }
            guard j < end, lower[j] == UInt8(ascii: "=") else { continue }
            j += 1
            while j < end, [0x20, 0x22, 0x27].contains(lower[j]) { j += 1 }
            let value = lower[j..<end].prefix(while: isNameByte)
            if !value.isEmpty { return String(decoding: value, as: UTF8.self) }
        }
        return nil
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
            || c == UInt8(ascii: ":") || c == UInt8(ascii: ".")
    }

    /// The first index of `needle` in `bytes[start..<end]`.
    private static func find(_ needle: StaticString, in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard end - start >= n else { return nil }
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: n)
        return (start...(end - n)).first { bytes[$0..<($0 + n)].elementsEqual(pattern) }
    }
}
