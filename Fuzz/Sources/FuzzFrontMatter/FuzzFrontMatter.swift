import TermgraphCorpus
import Yams
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Front matter two ways: as the YAML block of a whole article read by `MarkdownFormat` (the bytes
/// `---\n` + input + `\n---\n`), and, when the input is UTF-8, handed to `FrontMatter.parse`
/// directly. Checks what must hold for any input and traps (`fatalError`) when it does not.
///
/// With `TERMGRAPH_FUZZ_STRICT=1` in the environment it also compares `FrontMatter.parse` with
/// what Yams alone makes of the same text (the fast path for one-line `key: value` front matter
/// must agree with the real YAML parser); off by default, see README.md.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    readArticle(input)
    if let yaml = String(validating: input, as: UTF8.self) {
        parseDirectly(yaml, lineBreaks: lineBreaks(in: input))
    }
    return 0
}

private let strict = getenv("TERMGRAPH_FUZZ_STRICT").map { String(cString: $0) == "1" } ?? false
/// `TERMGRAPH_FUZZ_ALLOW_KNOWN=1` lets a campaign go past the findings already reported and not
/// yet fixed (README.md, "Known findings"), so it can look for others.
private let allowKnown = getenv("TERMGRAPH_FUZZ_ALLOW_KNOWN").map { String(cString: $0) == "1" } ?? false

/// Known finding 1: for a mapping with a duplicated non-scalar key (`[a]: 1\n[a]: 2\nb: 1\nb: 2`)
/// the message Yams gives, which FrontMatterError copies, names a different "line N" from one
/// parse to the next. Same line, same kind of message: only the mark inside it differs.
private func isKnownDuplicateKeyFlake(_ a: Result<FrontMatter, FrontMatterError>,
                                      _ b: Result<FrontMatter, FrontMatterError>) -> Bool {
    guard case .failure(let x) = a, case .failure(let y) = b, x.line == y.line else { return false }
    let prefix = "Parser: expected all keys to be unique"
    return x.message.hasPrefix(prefix) && y.message.hasPrefix(prefix)
}

/// Line breaks as any reader may count them: LF, CR, and YAML 1.1's NEL, LS and PS.
private func lineBreaks(in bytes: [UInt8]) -> Int {
    var count = 0
    for (i, byte) in bytes.enumerated() {
        switch byte {
        case 0x0A, 0x0D: count += 1
        case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x85: count += 1
        case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9): count += 1
        default: break
        }
    }
    return count
}

private func readArticle(_ input: [UInt8]) {
    let file = Array("---\n".utf8) + input + Array("\n---\n".utf8)
    // The file's last line is the closing `---`; nothing may point past it.
    let lastLine = 2 + lineBreaks(in: input) + 1
    do {
        let article = try MarkdownFormat().read(file, path: "fuzz.md")
        if input.contains(0) { fatalError("an article with a NUL byte was read: \(article)") }
        for link in article.links where !(3...lastLine).contains(link.line) {
            // Line 1 is `---`, the front matter closes on line 2 at the earliest.
            fatalError("link \(link) on line \(link.line), outside the body's lines 3...\(lastLine)")
        }
    } catch {
        let expected: Problem.Kind =
            input.contains(0) ? .binary : String(validating: input, as: UTF8.self) == nil ? .encoding : .frontMatter
        guard error.kind == expected else {
            fatalError("expected a \(expected) problem, got \(error)")
        }
        guard let line = error.line, (1...lastLine).contains(line) else {
            fatalError("problem \(error) has no line or one outside 1...\(lastLine)")
        }
        if expected == .frontMatter && line < 2 {
            fatalError("front matter problem \(error) points at the opening ---")
        }
    }
}

private func parseDirectly(_ yaml: String, lineBreaks: Int) {
    let firstLine = 2
    let first = Result { () throws(FrontMatterError) in try FrontMatter.parse(yaml: yaml, firstLine: firstLine) }
    let second = Result { () throws(FrontMatterError) in try FrontMatter.parse(yaml: yaml, firstLine: firstLine) }
    guard first == second || (allowKnown && isKnownDuplicateKeyFlake(first, second)) else {
        fatalError("parsing the same front matter twice differs:\n\(first)\n\(second)")
    }
    switch first {
    case .failure(let error):
        guard (firstLine...(firstLine + lineBreaks + 1)).contains(error.line) else {
            fatalError("error \(error) points outside the front matter's lines \(firstLine)...\(firstLine + lineBreaks + 1)")
        }
        guard !error.message.isEmpty else { fatalError("error without a message at line \(error.line)") }
    case .success(let frontMatter):
        for (key, value) in frontMatter.entries {
            if case .text(let text) = value, text.isEmpty, key.isEmpty { fatalError("empty entry kept: \(frontMatter.entries)") }
        }
        if strict { compareWithYams(yaml, frontMatter) }
    }
}

/// What `FrontMatter.parse` documents, computed with Yams alone: top-level keys in order, scalars
/// other than null as text, sequences as the text of their scalar items, everything else left out.
private func compareWithYams(_ yaml: String, _ parsed: FrontMatter) {
    // The alias bound keeps aliases from expanding here too.
    guard yaml.utf8.filter({ $0 == UInt8(ascii: "*") }).count <= 64 else { return }
    let root: Node?
    do {
        root = try Yams.compose(yaml: yaml)
    } catch {
        fatalError("FrontMatter.parse accepted what Yams refuses (\(error)): \(parsed.entries)")
    }
    var entries: [(String, FrontMatter.Value)] = []
    if let mapping = root?.mapping {
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            if let scalar = value.scalar {
                let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
                if !isNull { entries.append((name, .text(scalar.string))) }
            } else if let sequence = value.sequence {
                entries.append((name, .list(sequence.compactMap { $0.scalar?.string })))
            }
        }
    } else if root != nil {
        fatalError("FrontMatter.parse accepted front matter that Yams reads as no mapping: \(parsed.entries)")
    }
    guard entries.elementsEqual(parsed.entries, by: { $0.0 == $1.key && $0.1 == $1.value }) else {
        fatalError("FrontMatter.parse and Yams disagree:\nparse: \(parsed.entries)\nYams:  \(entries)")
    }
}
