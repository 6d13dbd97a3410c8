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

extension String {
    /// Calls `body` with the string's UTF-8 bytes, in place when they are stored contiguously
    /// (native strings always are), else from a contiguous copy.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
