/// Byte classes of ASCII, for scanners that read UTF-8 bytes rather than characters.
@inline(__always) package func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
@inline(__always) package func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
@inline(__always) package func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) package func isLetterOrDigit(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }

/// Whether an ASCII byte is white space as `Character.isWhitespace` has it (tab to carriage
/// return, and space); every other white space is outside ASCII.
@inline(__always) package func isASCIIWhitespace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

extension String {
    /// The text without leading and trailing white space (any Unicode white space).
    package var trimmingSpaces: String {
        // Most texts begin and end with an ASCII byte that is not white space: no character
        // needs its Unicode properties looked up.
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           !isASCIIWhitespace(first), !isASCIIWhitespace(last) { return self }
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }

    /// The text with each run of white space (any Unicode white space) as one space, and none
    /// at either end.
    package var collapsingWhitespace: String {
        // ASCII text is done byte by byte, and kept as it is when it has nothing to collapse.
        var ascii = true, untouched = true, afterSpace = true
        for byte in utf8 {
            if byte >= 0x80 { ascii = false; break }
            if isASCIIWhitespace(byte) {
                if byte != 0x20 || afterSpace { untouched = false }
                afterSpace = true
            } else {
                afterSpace = false
            }
        }
        guard ascii else { return split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        if untouched && !afterSpace { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var pending = false
        for byte in utf8 {
            if isASCIIWhitespace(byte) {
                pending = !bytes.isEmpty
            } else {
                if pending { bytes.append(0x20) }
                pending = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text without leading and trailing tabs and space separators (Unicode category Zs):
    /// Foundation's `trimmingCharacters(in: .whitespaces)`.
    package var trimmingHorizontalSpace: String {
        func horizontal(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !horizontal($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !horizontal($0) })!
        return String(scalars[start...end])
    }
}
