import Foundation
import TermgraphStorage

/// One line of a redirects file: links to `from` reach what `to` reaches (§1d).
public struct RedirectRule: Sendable, Equatable {
    public var from: String
    public var to: String
    /// The line in the redirects file.
    public var line: Int
}

/// The redirects file named by `redirects:` in `termgraph.yml`, in the Netlify / MDN
/// `_redirects` format: a line `FROM TO [STATUS]`, fields separated by a tab, or by spaces when
/// the line has no tab; `#` at the start of a line or after white space starts a comment; blank
/// lines are skipped. `:name` and `*` segments are taken literally.
public enum Redirects {
    /// The rules of the file, the problems of its lines, and its bytes (which the on-disk index
    /// keys on, so that an edit of the file rebuilds the links).
    public static func read(root: URL, file: String) -> (rules: [RedirectRule], problems: [Problem], bytes: [UInt8]) {
        let bytes: [UInt8]
        do {
            bytes = try FileReader(limit: 256 << 20).read(root.appendingPathComponent(file).path)
        } catch {
            return ([], [Problem(file: CorpusConfig.fileName, kind: .config, message: "redirects file \(file): \(error)")], [])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return ([], [Problem(file: file, line: 1, kind: .encoding, message: "file is not valid UTF-8; no redirect read")], bytes)
        }
        let (rules, problems) = parse(text, file: file)
        return (rules, problems, bytes)
    }

    /// The rules of a redirects file's text; a line with a FROM and no TO is a problem.
    public static func parse(_ text: String, file: String) -> (rules: [RedirectRule], problems: [Problem]) {
        var rules: [RedirectRule] = [], problems: [Problem] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            line = withoutComment(line)
            let fields: [Substring] = line.contains("\t")
                ? line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces)[...] }.filter { !$0.isEmpty }
                : line.split(whereSeparator: { $0 == " " })
            guard let from = fields.first else { continue }
            guard fields.count >= 2 else {
                problems.append(Problem(file: file, line: number, kind: .brokenRedirect, message: "\(from) has no target"))
                continue
            }
            rules.append(RedirectRule(from: String(from), to: String(fields[1]), line: number))
        }
        return (rules, problems)
    }

    /// The line up to a `#` that opens it or follows white space.
    private static func withoutComment(_ line: Substring) -> Substring {
        var previous: Character = " "
        for i in line.indices {
            if line[i] == "#" && (previous == " " || previous == "\t") { return line[..<i] }
            previous = line[i]
        }
        return line
    }
}
