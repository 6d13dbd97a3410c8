/// Byte classes of ASCII, for scanners that read UTF-8 bytes rather than characters.
@inline(__always) package func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
@inline(__always) package func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
@inline(__always) package func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) package func isLetterOrDigit(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }

extension String {
    /// The text without leading and trailing white space (any Unicode white space).
    package var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
