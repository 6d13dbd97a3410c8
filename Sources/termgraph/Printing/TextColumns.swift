import Foundation

/// How wide text is on a terminal, and how the last column of a table is wrapped to fit it.
enum TextColumns {
    /// The width rows are fitted to: `$COLUMNS` when set, else the terminal's width when
    /// standard output is one; nil (no fitting) for pipes and files, which keep whole lines.
    static let width: Int? = {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }()

    /// The narrowest last column worth wrapping into; below it rows are left whole.
    static let narrowest = 16

    /// Columns `text` takes on a terminal: one per character (a letter with its marks), two for
    /// the wide characters of East Asian scripts and emoji.
    static func displayWidth(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + displayWidth($1) }
    }

    static func displayWidth(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `text` broken into lines of at most `width` columns, only at spaces: a word is never cut,
    /// so a word wider than `width` gets a line of its own.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard displayWidth(text) > width else { return [text] }
        var lines: [String] = [], line = "", lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let wordWidth = displayWidth(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 { line += " "; lineWidth += 1 }
            line += word
            lineWidth += wordWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
