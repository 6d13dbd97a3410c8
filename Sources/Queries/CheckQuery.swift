import Foundation
import TermgraphCorpus

/// The corpus's problems, in file and line order (§4 `check`): those of the kinds asked for,
/// less those a baseline already knows, with paths as a user in `folder` would type them.
public struct CheckQuery: Query {
    /// The kinds to report; empty reports every kind.
    public var kinds: Set<Problem.Kind>
    /// Problems known and accepted: they are counted, not listed.
    public var baseline: CheckBaseline?
    /// The folder the paths are written relative to (the current folder of a command line);
    /// nil keeps them relative to the corpus root.
    public var folder: URL?
    /// Only the problems of this language's files (`--lang`, §1d).
    public var language: String?

    public init(kinds: Set<Problem.Kind> = [], baseline: CheckBaseline? = nil, relativeTo folder: URL? = nil, language: String? = nil) {
        self.kinds = kinds
        self.baseline = baseline
        self.folder = folder
        self.language = language
    }

    public struct Answer: Sendable, Encodable {
        public let problems: [Problem]
        /// With a baseline: how many problems it held back.
        public let baselined: Int?

        public init(problems: [Problem], baselined: Int? = nil) {
            self.problems = problems
            self.baselined = baselined
        }
    }

    /// Every problem of the kinds asked for, paths relative to the corpus root: what a baseline
    /// is written from.
    public func all(in workspace: Workspace) throws(QueryError) -> [Problem] {
        let inLanguage = try LanguageScope.filter(language, in: workspace)
        return try workspace.graph().problems.filter {
            (kinds.isEmpty || kinds.contains($0.kind)) && inLanguage?($0.file) != false
        }.sorted { a, b in
            if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
            if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
            return (a.kind.rawValue, a.message) < (b.kind.rawValue, b.message)
        }
    }

    public func answer(in workspace: Workspace) throws(QueryError) -> Answer {
        var known = baseline
        let every = try all(in: workspace)
        let fresh = every.filter { known?.absorbs($0) != true }
        let shown = folder.map { folder in
            fresh.map { problem in
                var moved = problem
                moved.file = Self.path(of: problem.file, in: workspace.root, relativeTo: folder)
                return moved
            }
        } ?? fresh
        return Answer(problems: shown, baselined: baseline == nil ? nil : every.count - fresh.count)
    }

    /// `file` (relative to the corpus `root`) as seen from `folder`: relative when the two share
    /// more than the file system's root, else absolute.
    public static func path(of file: String, in root: URL, relativeTo folder: URL) -> String {
        let target = (file.isEmpty || file == "." ? root : root.appendingPathComponent(file)).standardizedFileURL.pathComponents
        let base = folder.standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        if common <= 1 { return "/" + target.dropFirst().joined(separator: "/") }
        let parts = Array(repeating: "..", count: base.count - common) + target.dropFirst(common)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

/// Problems a corpus is known to have, which `check` does not fail on: a wiki that keeps red
/// links on purpose gates only on new problems. A problem is known by its file (relative to the
/// corpus), kind and message, not its line, so that editing above a known problem keeps it
/// known; each entry absorbs one problem.
public struct CheckBaseline: Sendable {
    private struct Key: Hashable, Codable {
        let file: String
        let kind: String
        let message: String

        init(_ problem: Problem) {
            (file, kind, message) = (problem.file, problem.kind.rawValue, problem.message)
        }
    }

    private struct Document: Codable {
        let problems: [Key]
    }

    private var counts: [Key: Int] = [:]

    public init(_ problems: [Problem]) {
        for problem in problems { counts[Key(problem), default: 0] += 1 }
    }

    /// Reads a baseline written by `encode(_:)`; the error says what is wrong with it.
    public init(json: Data) throws {
        for key in try JSONDecoder().decode(Document.self, from: json).problems { counts[key, default: 0] += 1 }
    }

    /// The baseline file for `problems` (paths relative to the corpus root).
    public static func encode(_ problems: [Problem]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(Document(problems: problems.map { Key($0) }))
        data.append(0x0A)
        return data
    }

    /// Whether the baseline knows `problem`, using up one of its entries if so.
    mutating func absorbs(_ problem: Problem) -> Bool {
        let key = Key(problem)
        guard let left = counts[key], left > 0 else { return false }
        counts[key] = left - 1
        return true
    }
}

extension Problem: Encodable {
    private enum CodingKeys: String, CodingKey { case file, line, kind, message }

    /// `{"file", "line", "kind", "message"}`; `line` left out when there is none.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(message, forKey: .message)
    }
}
