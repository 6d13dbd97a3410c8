import Foundation

/// Printing for the commands: JSON with sorted keys, aligned text columns, diagnostics on stderr.
enum Output {
    static func error(_ line: String) {
        write(line + "\n", to: STDERR_FILENO)
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        var data = try encoder.encode(value)
        data.append(0x0A)
        data.withUnsafeBytes { write($0, to: STDOUT_FILENO) }
    }

    /// Writes all of `text`. Standard output that is closed or full ends the command with a
    /// message and exit code 2; a reader that went away (`| head`) ends it through SIGPIPE, as
    /// for any command line tool. Standard error that cannot be written is given up on.
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0), to: fd) }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) {
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
    /// that right-to-left text cannot reorder the columns before it.
    static func table(_ rows: [[String]], indent: String = "") {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() where i < columns - 1 { widths[i] = max(widths[i], cell.count) } }
        var text = ""
        for row in rows {
            var line = indent
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - cell.count + 2) }
            }
            text += line.trimmingTrailingSpaces + "\n"
        }
        write(text, to: STDOUT_FILENO)
    }

    static func line(_ text: String = "") {
        write(text + "\n", to: STDOUT_FILENO)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
