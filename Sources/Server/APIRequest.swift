import Foundation
import TermgraphKit

/// The parameters of one API request, read with the contract's bounds (§4a): each bad value is
/// a `bad-parameter` answer naming it, never a trap or a silent default.
struct APIRequest {
    /// Longer values than this are refused: no term or query of a corpus is that long.
    static let longestValue = 1_000
    static let deepest = 10

    private var values: [String: String] = [:]

    /// - Parameter allowed: the parameter names the route reads; any other is refused, so that
    ///   a misspelt parameter is never silently ignored.
    init(query: String?, allowed: Set<String>) throws(QueryError) {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decoded(parts[0]), value = parts.count > 1 ? try Self.decoded(parts[1]) : ""
            guard allowed.contains(name) else {
                throw .badParameter("unknown parameter \"\(name)\"; this request takes \(allowed.sorted().joined(separator: ", "))")
            }
            guard values[name] == nil else { throw .badParameter("parameter \"\(name)\" is given twice") }
            guard value.count <= Self.longestValue else { throw .badParameter("\(name) is longer than \(Self.longestValue) characters") }
            values[name] = String(value)
        }
    }

    /// A query-string component as forms write it: `+` is a space, `%XX` a byte of UTF-8.
    private static func decoded(_ component: Substring) throws(QueryError) -> String {
        guard let text = component.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
            throw .badParameter("the query string is not percent-encoded UTF-8")
        }
        return text
    }

    func text(_ name: String) -> String? { values[name] }

    func required(_ name: String) throws(QueryError) -> String {
        guard let value = values[name], !value.isEmpty else { throw .badParameter("\(name) is required") }
        return value
    }

    /// A whole number in `range`, else `fallback` when absent.
    func number(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(QueryError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw .badParameter("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }

    /// `1`/`true` or `0`/`false`; absent is false.
    func flag(_ name: String) throws(QueryError) -> Bool {
        switch values[name] {
        case nil, "0", "false": return false
        case "1", "true", "": return true
        case let other?: throw .badParameter("\(name) must be 1 or 0, not \"\(other)\"")
        }
    }

    /// One of a fixed set of names.
    func choice<T: RawRepresentable>(_ name: String, default fallback: T) throws(QueryError) -> T where T.RawValue == String {
        guard let text = values[name] else { return fallback }
        guard let value = T(rawValue: text) else { throw .badParameter("\(name) \"\(text)\" is not one this request knows") }
        return value
    }
}
