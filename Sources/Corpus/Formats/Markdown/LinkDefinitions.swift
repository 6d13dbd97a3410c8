import TermgraphCore
/// Link reference definitions, read the CommonMark way: from the start of a paragraph when it
/// closes (or turns into a setext heading or a table header), one after another, each possibly
/// spanning lines (`[label]:` / destination / title on lines of their own).
enum LinkDefinitions {
    /// Takes the definitions at the start of `run`, records them in `definitions` (the first of a
    /// label wins) and leaves in `run` the lines after them.
    static func take(from run: inout MarkdownBlocks.TextRun, into definitions: inout [String: String]) {
        guard run.bytes.first == UInt8(ascii: "[") else { return }
        let consumed = run.bytes.withUnsafeBufferPointer { b -> Int in
            var position = 0
            while position < b.count, b[position] == UInt8(ascii: "["), let (label, destination, end) = definition(b, position) {
                let key = InlineLinkScanner.normalizeLabel(label)
                if definitions[key] == nil { definitions[key] = InlineLinkScanner.decode(destination) }
                position = end
            }
            return position
        }
        guard consumed > 0 else { return }
        var dropped = 0
        while dropped < run.lineStarts.count && run.lineStarts[dropped] < consumed { dropped += 1 }
        if dropped == run.lineStarts.count {
            run = MarkdownBlocks.TextRun()
            return
        }
        let cut = run.lineStarts[dropped]
        run.bytes.removeFirst(cut)
        run.lineStarts = run.lineStarts[dropped...].map { $0 - cut }
        run.firstLine += dropped
    }

    /// One definition at `start`: its label, raw destination and the offset of the line after it.
    private static func definition(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> ([UInt8], [UInt8], Int)? {
        var i = start + 1
        var nonBlank = false
        while i < b.count && b[i] != UInt8(ascii: "]") {
            if b[i] == UInt8(ascii: "[") { return nil }
            if b[i] == UInt8(ascii: "\\") && i + 1 < b.count { i += 1 }
            if b[i] != 0x20 && b[i] != 0x09 && b[i] != 0x0A { nonBlank = true }
            i += 1
        }
        guard nonBlank, i + 1 < b.count, b[i + 1] == UInt8(ascii: ":"),
              i - start - 1 <= InlineLinkScanner.maximumLabelBytes else { return nil }
        let label = Array(UnsafeBufferPointer(rebasing: b[(start + 1)..<i]))
        var cursor = InlineLinkScanner.Cursor(bytes: b, position: i + 2)
        cursor.skipSpaces()
        guard let destination = cursor.destination(), !destination.isEmpty || cursor.lastDestinationWasAngled else { return nil }
        let afterDestination = cursor.position
        guard afterDestination >= b.count || [0x20, 0x09, 0x0A].contains(b[afterDestination]) else { return nil }
        // A title, if one follows and nothing after it on its line; else none, if the
        // destination ends its line.
        cursor.skipSpaces()
        if cursor.position > afterDestination, cursor.title(), let end = lineEnd(b, cursor.position) {
            return (label, destination, end)
        }
        guard let end = lineEnd(b, afterDestination) else { return nil }
        return (label, destination, end)
    }

    /// The offset after the line end from `start`, when only spaces and tabs stand before it.
    private static func lineEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var i = start
        while i < b.count && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
        if i == b.count { return i }
        return b[i] == 0x0A ? i + 1 : nil
    }
}
