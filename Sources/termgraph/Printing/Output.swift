import Foundation
import TermgraphKit

/// Printing for the commands: JSON with sorted keys, aligned text columns, diagnostics on stderr.
enum Output {
    /// A line on stderr, control characters shown escaped.
    static func error(_ line: String) {
        write(line.escapingControls + "\n", to: STDERR_FILENO)
    }

    /// Text of several lines on stderr (a usage message), each line's control characters shown
    /// escaped and its line breaks kept.
    static func error(lines text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        write(lines.map { String($0).escapingControls }.joined(separator: "\n") + "\n", to: STDERR_FILENO)
    }

    /// Fields on stderr separated by tabs, each with its control characters shown escaped.
    static func error(fields: [String]) {
        write(fields.map(\.escapingControls).joined(separator: "\t") + "\n", to: STDERR_FILENO)
    }

    /// The answer as the contract's JSON, the bytes the server sends for it.
    static func json<T: Encodable>(_ value: T) throws {
        try AnswerJSON.encode(value).withUnsafeBytes { write($0, to: STDOUT_FILENO) }
    }

    /// Bytes on standard output as they are.
    static func write(bytes: Data) {
        bytes.withUnsafeBytes { write($0, to: STDOUT_FILENO) }
    }

    /// Writes all of `text`. Standard output that is closed or full ends the command with a
    /// message and exit code 2; a reader that went away (`| head`) ends it through SIGPIPE, as
    /// for any command line tool. Standard error that cannot be written is given up on.
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0), to: fd) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                guard fd == STDOUT_FILENO else { return }
                let reason = String(cString: strerror(errno))
                write("termgraph: cannot write the answer to standard output: \(reason)\n", to: STDERR_FILENO)
                exit(2)
            }
            offset += written
        }
    }

    /// Rows of columns, each column padded to its widest cell. The title goes last on each row so
    /// that right-to-left text cannot reorder the columns before it. On a terminal (or with
    /// `$COLUMNS`) the last column is wrapped at spaces to fit, its further lines indented under
    /// its first: no word, Arabic or other, is cut.
    static func table(_ rows: [[String]], indent: String = "", width: Int? = TextColumns.width) {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return }
        var widths = [Int](repeating: 0, count: columns)
        let rows = rows.map { $0.map(\.escapingControls) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < columns - 1 { widths[i] = max(widths[i], TextColumns.displayWidth(cell)) }
        }
        var text = ""
        for row in rows {
            var line = indent
            for (i, cell) in row.enumerated() where i < row.count - 1 {
                line += cell + String(repeating: " ", count: widths[i] - TextColumns.displayWidth(cell) + 2)
            }
            guard let last = row.last else { continue }
            let start = TextColumns.displayWidth(line)
            let room = width.map { $0 - start } ?? Int.max
            let pieces = room >= TextColumns.narrowest ? TextColumns.wrap(last, width: room) : [last]
            text += (line + pieces[0]).trimmingTrailingSpaces + "\n"
            for piece in pieces.dropFirst() { text += String(repeating: " ", count: start) + piece + "\n" }
        }
        write(text, to: STDOUT_FILENO)
    }

    /// A line of text, control characters shown escaped: nothing a corpus holds can move the
    /// cursor, recolour the terminal, or start a line that looks like another `file:line`.
    static func line(_ text: String = "") {
        write(text.escapingControls + "\n", to: STDOUT_FILENO)
    }

    /// Fields separated by tabs, each with its control characters shown escaped.
    static func line(fields: [String]) {
        write(fields.map(\.escapingControls).joined(separator: "\t") + "\n", to: STDOUT_FILENO)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    /// The text with every control character, and every character that reorders the text
    /// around it (bidi embeddings, overrides and isolates), shown as an escape: `\t`, `\n`,
    /// `\r`, `\x1B`, `\u{202E}`. Text without them (nearly all) is returned as it is.
    var escapingControls: String {
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard Self.needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let escape = switch scalar {
            case "\t": "\\t"
            case "\n": "\\n"
            case "\r": "\\r"
            case _ where scalar.value < 0x80: "\\x" + String(format2: scalar.value)
            default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Two upper-case hexadecimal digits.
    private init(format2 value: UInt32) {
        let digits = String(value, radix: 16, uppercase: true)
        self = digits.count < 2 ? "0" + digits : digits
    }
}
