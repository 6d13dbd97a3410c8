import Glibc

/// The text of a file's bytes, whatever reader it is for: a UTF-8 byte-order mark dropped, CRLF
/// and lone CR line ends made LF; UTF-16, NUL bytes and invalid UTF-8 are problems at the line
/// where they start.
package enum TextDecoding {
    package static func text(_ bytes: [UInt8], path: String) throws(Problem) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw Problem(file: path, line: 1, kind: .encoding, message: "file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
        }
        if bytes.withUnsafeBytes({ !$0.isEmpty && memchr($0.baseAddress!, 0, $0.count) != nil }) {
            throw Problem(file: path, line: lineOf(firstNULIn: bytes), kind: .binary, message: "file holds NUL bytes; it is not a text article")
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(file: path, line: lineOfFirstInvalidUTF8(bytes), kind: .encoding, message: "file is not valid UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.withUTF8({ !$0.isEmpty && memchr($0.baseAddress!, 0x0D, $0.count) != nil }) { text = text.replacingCRLF() }
        return text
    }

    private static func lineOf(firstNULIn bytes: [UInt8]) -> Int {
        let index = bytes.firstIndex(of: 0) ?? 0
        return 1 + bytes[..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var line = 1, lineStart = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[lineStart..<i], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = i + 1
        }
        return line
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var previousCR = false
        for byte in utf8 {
            if previousCR && byte != 0x0A { bytes.append(0x0A) }
            previousCR = byte == 0x0D
            if !previousCR { bytes.append(byte) }
        }
        if previousCR { bytes.append(0x0A) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
