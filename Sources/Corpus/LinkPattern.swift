import Foundation
import TermgraphCore

/// One entry of `link_patterns` (§1d): a regular expression whose matches in an article's text
/// are links, with templates that make the link's target and anchor text from its groups.
///
/// ```swift
/// let macro = try LinkPattern(#"\{\{\s*domxref\(\s*"([^"]+)""#, replace: [(".", "/")], target: "/Web/API/$1")
/// macro.link(groups: ["{{domxref(\"Document.body\"", "Document.body"])  // ("/Web/API/Document/body", "Document.body")
/// ```
public struct LinkPattern: Sendable, Equatable {
    /// The pattern as written in `termgraph.yml`.
    public let source: String
    /// Literal replacements applied in order to each group before it enters the target.
    public let replace: [(from: String, to: String)]
    public let target: String
    /// The anchor text template; `$1` when `termgraph.yml` gives none (`$0`, the whole match,
    /// for a pattern without groups).
    public let text: String
    let expression: NSRegularExpression
    private let targetParts: [Part]
    private let textParts: [Part]

    /// A piece of a template: literal text, or the value of a group (0 is the whole match).
    enum Part: Equatable {
        case literal(String)
        case group(Int)
    }

    /// Why a pattern cannot be used, in words for a `config` problem.
    public struct Refusal: Error, Equatable {
        public let message: String
    }

    public init(_ source: String, replace: [(String, String)] = [], target: String, text: String? = nil) throws(Refusal) {
        do {
            expression = try NSRegularExpression(pattern: source)
        } catch {
            throw Refusal(message: "pattern \"\(source)\" is not a valid regular expression (\(Self.reason(error)))")
        }
        self.source = source
        self.replace = replace.map { (from: $0.0, to: $0.1) }
        self.target = target
        let groups = expression.numberOfCaptureGroups
        self.text = text ?? (groups == 0 ? "$0" : "$1")
        targetParts = Self.parts(of: target)
        textParts = Self.parts(of: self.text)
        for case .group(let n) in targetParts + textParts where n > groups {
            throw Refusal(message: "$\(n) names no group: pattern \"\(source)\" has \(groups)")
        }
    }

    public static func == (a: LinkPattern, b: LinkPattern) -> Bool {
        a.source == b.source && a.target == b.target && a.text == b.text
            && a.replace.elementsEqual(b.replace) { $0.from == $1.from && $0.to == $1.to }
    }

    /// The target and anchor text a match makes, from its groups (`groups[0]` is the whole
    /// match; nil or missing is a group that did not take part, which counts as empty).
    public func link(groups: [String?]) -> (target: String, text: String) {
        func value(_ n: Int, replaced: Bool) -> String {
            var group = n < groups.count ? groups[n] ?? "" : ""
            if replaced {
                for (from, to) in replace where !from.isEmpty { group = group.replacingOccurrences(of: from, with: to) }
            }
            return group
        }
        func fill(_ parts: [Part], replaced: Bool) -> String {
            parts.map { part in
                switch part {
                case .literal(let text): text
                case .group(let n): value(n, replaced: replaced)
                }
            }.joined()
        }
        let text = fill(textParts, replaced: false).collapsingWhitespace
        return (fill(targetParts, replaced: true).trimmingCharacters(in: .whitespaces), text)
    }

    /// `$` and digits name a group (`$12` is group 12); `$$` is one `$`; any other `$` is itself.
    static func parts(of template: String) -> [Part] {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(template)
        while let dollar = rest.firstIndex(of: "$") {
            literal += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "$" {
                literal += "$"
                rest = after.dropFirst()
                continue
            }
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let n = Int(digits) else {
                literal += "$"
                rest = after
                continue
            }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            parts.append(.group(n))
            rest = after[digits.endIndex...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    /// ICU's reason, without Foundation's boilerplate around it.
    private static func reason(_ error: Error) -> String {
        let info = (error as NSError).userInfo
        if let detail = info["NSInvalidValue"] as? String { return "near \(detail)" }
        return (error as NSError).localizedDescription
    }
}
