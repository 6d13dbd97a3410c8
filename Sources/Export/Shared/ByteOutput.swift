/// The writers build their output as UTF-8 bytes: no intermediate `String` per name, number or
/// escaped value, which on a large graph costs more than the writing itself.
extension [UInt8] {
    /// Appends a literal's bytes.
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends `value` in decimal, the same digits as `String(value)`, without making the string.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let start = count
        var rest = value.magnitude
        repeat {
            append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest != 0
        self[start...].reverse()
    }
}

extension [UInt8] {
    /// Appends UTF-8 `bytes` with each byte `escape` has an answer for replaced by that answer
    /// (an empty answer drops the byte), and the non-characters U+FFFE and U+FFFF, which no
    /// export may hold, dropped. Runs of bytes that need nothing, nearly all of any text, are
    /// copied at once.
    @inline(__always)
    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, _ escape: (UInt8) -> StaticString?) {
        var copied = 0
        var i = 0
        while i < bytes.count {
            let replacement: StaticString
            var length = 1
            if bytes[i] == 0xEF && i + 2 < bytes.count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE {
                replacement = ""
                length = 3
            } else if let escaped = escape(bytes[i]) {
                replacement = escaped
            } else {
                i += 1
                continue
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
            append(replacement)
            i += length
            copied = i
        }
        append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, in place when they are stored contiguously
    /// (native strings always are), else from a contiguous copy.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
