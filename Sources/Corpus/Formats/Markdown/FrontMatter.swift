import TermgraphCore
import Yams

/// The YAML block at the top of an article, reduced to what termgraph keeps: text and lists of text.
///
/// ```swift
/// let fm = try FrontMatter.parse(yaml: "title: مكتب خلفي\nkeywords: Investing,Brokers", firstLine: 2)
/// fm["title"]  // .text("مكتب خلفي")
/// ```
public struct FrontMatter: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    /// Keys in the order written; a nested mapping or a null value is left out.
    public private(set) var entries: [(key: String, value: Value)] = []

    public subscript(key: String) -> Value? {
        entries.first { $0.key == key }?.value
    }

    public static func == (a: FrontMatter, b: FrontMatter) -> Bool {
        a.entries.elementsEqual(b.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    /// Front matter over this size is refused rather than handed to the YAML parser.
    static let maximumBytes = 256 * 1024

    /// Parses the text between the `---` lines. `firstLine` is the file line of the text's first
    /// line, so errors point into the file.
    public static func parse(yaml: String, firstLine: Int) throws(FrontMatterError) -> FrontMatter {
        // The limit holds whichever parser reads it: front matter is a few lines of metadata.
        guard yaml.utf8.count <= maximumBytes else {
            throw FrontMatterError(line: firstLine, message: "front matter is larger than \(maximumBytes / 1024) KiB")
        }
        if let simple = parseSimple(yaml) { return simple }
        if let refusal = AliasScan.refusal(of: yaml) {
            throw FrontMatterError(line: firstLine, message: "front matter " + refusal)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, _) {
            // Yams' own mark for this error depends on dictionary order: find the line ourselves.
            throw duplicateKeyError(yaml, duplicates: Set(duplicates), firstLine: firstLine)
        } catch let error as YamlError {
            throw FrontMatterError(yaml: error, firstLine: firstLine)
        } catch {
            throw FrontMatterError(line: firstLine, message: "\(error)")
        }
        guard let root else { return FrontMatter() }
        guard let mapping = root.mapping else {
            throw FrontMatterError(line: firstLine, message: "front matter is not a mapping of keys to values")
        }
        var result = FrontMatter()
        for (key, value) in mapping {
            // A key with no name (`: x`, an anchor alone) names nothing a node could carry.
            guard let name = key.scalar?.string, !name.isEmpty else { continue }
            if let scalar = value.scalar {
                if !isNull(scalar) { result.entries.append((name, .text(scalar.string))) }
            } else if let sequence = value.sequence {
                // Only the items' own text: nested structures (and any alias they hold) are not walked.
                result.entries.append((name, .list(sequence.compactMap { $0.scalar?.string })))
            }
        }
        return result
    }

    /// The first top-level line that repeats a key, or the front matter's first line when the
    /// repeated keys are not plain text.
    private static func duplicateKeyError(_ yaml: String, duplicates: Set<String>, firstLine: Int) -> FrontMatterError {
        var seen: Set<String> = []
        for (offset, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let first = line.first, first != " ", first != "\t", first != "#", let colon = line.firstIndex(of: ":") else { continue }
            var key = String(line[..<colon]).trimmingSpaces
            if key.count >= 2, let quote = key.first, quote == "\"" || quote == "'", key.last == quote { key = String(key.dropFirst().dropLast()) }
            if duplicates.contains(key) && !seen.insert(key).inserted {
                return FrontMatterError(line: firstLine + offset, message: "duplicate key \"\(key)\"")
            }
        }
        return FrontMatterError(line: firstLine, message: "front matter repeats a key")
    }

    /// The common shape, one `key: plain value` a line, read without the YAML parser.
    /// Returns nil for anything it is not sure of, which then goes to the real parser.
    static func parseSimple(_ yaml: String) -> FrontMatter? {
        var yaml = yaml
        return yaml.withUTF8 { bytes -> FrontMatter? in
            var result = FrontMatter()
            var keys: Set<String> = []
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                guard lineEnd > lineStart else { continue }
                let first = bytes[lineStart]
                if first == UInt8(ascii: "#") { continue }
                guard isKeyStart(first) else { return nil }
                var colon = lineStart
                while colon < lineEnd && bytes[colon] != UInt8(ascii: ":") {
                    guard isKeyByte(bytes[colon]) else { return nil }
                    colon += 1
                }
                guard colon < lineEnd else { return nil }
                var valueStart = colon + 1
                if valueStart == lineEnd { continue }  // `key:` alone is null, unless a block follows (then a later line fails)
                guard bytes[valueStart] == 0x20 else { return nil }
                while valueStart < lineEnd && bytes[valueStart] == 0x20 { valueStart += 1 }
                var valueEnd = lineEnd
                while valueEnd > valueStart && bytes[valueEnd - 1] == 0x20 { valueEnd -= 1 }
                if valueStart == valueEnd { continue }
                guard !indicators.contains(bytes[valueStart]), bytes[valueEnd - 1] != UInt8(ascii: ":") else { return nil }
                for k in valueStart..<valueEnd {
                    let c = bytes[k]
                    // Controls and Unicode line breaks (NEL, LS, PS) are for the YAML parser to judge.
                    if c < 0x20 || c == 0x7F { return nil }
                    if c == 0xC2 && k + 1 < valueEnd && bytes[k + 1] == 0x85 { return nil }
                    if c == 0xE2 && k + 2 < valueEnd && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9) { return nil }
                    if c == 0x20 && k + 1 < valueEnd && bytes[k + 1] == UInt8(ascii: "#") { return nil }
                    if c == UInt8(ascii: ":") && k + 1 < valueEnd && bytes[k + 1] == 0x20 { return nil }
                }
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
                if value == "~" || value == "null" || value == "Null" || value == "NULL" { continue }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<colon]), as: UTF8.self)
                // A repeated key is an error the YAML parser reports.
                if !keys.insert(key).inserted { return nil }
                result.entries.append((key, .text(value)))
            }
            return result
        }
    }

    private static let indicators: Set<UInt8> = Set("[]{}\"'|>&*!%@`-?#,".utf8)

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

/// Why front matter could not be read, with the file line it points at.
public struct FrontMatterError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String

    package init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    init(yaml error: YamlError, firstLine: Int) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = problem.trimmingSpaces
            if message.contains("nesting level") { message = "front matter nests deeper than the YAML parser allows" }
            if let context, !context.text.isEmpty { message += " (\(context.text.trimmingSpaces))" }
            self.init(line: firstLine + max(mark.line, 1) - 1, message: message)
        case let .reader(problem, _, _, _):
            self.init(line: firstLine, message: problem)
        default:
            self.init(line: firstLine, message: "\(error)")
        }
    }
}
