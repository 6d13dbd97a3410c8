import CLibXML2
import TermgraphCore
import TermgraphGraph

/// Stable, readable node ids shared by every export: the slug key, with `/` as `:` and anything
/// an XML `NMTOKEN` cannot hold as `_`; clashes get `-2`, `-3` … in node order.
///
/// ```swift
/// NodeIdentifiers(graph).ids  // ["backoffice", "web:api:gamepad", …]
/// ```
public struct NodeIdentifiers: Sendable {
    public let ids: [String]

    public init(_ graph: KnowledgeGraph) {
        var used: Set<String> = []
        // The first suffix not yet tried for each base that clashed: every one below it is
        // taken (ids are never given back), so N nodes with one base cost N steps, not N².
        var nextSuffix: [String: Int] = [:]
        var ids: [String] = []
        ids.reserveCapacity(graph.nodeCount)
        for node in graph.nodes {
            var base = Self.token(node.key)
            if base.isEmpty { base = "_" }
            var id = base
            if used.contains(id) {
                var suffix = nextSuffix[base, default: 2]
                repeat {
                    id = "\(base)-\(suffix)"
                    suffix += 1
                } while used.contains(id)
                nextSuffix[base] = suffix
            }
            used.insert(id)
            ids.append(id)
        }
        self.ids = ids
    }

    /// `text` as an NMTOKEN, asking libxml2 (the validator's own rules) about non-ASCII characters.
    static func token(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let c = UInt8(v)
                if isLetterOrDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") {
                    out.append(scalar)
                } else if c == UInt8(ascii: "/") {
                    out.append(":")
                } else {
                    out.append("_")
                }
            } else {
                out.append(isNameCharacter(scalar) ? scalar : "_")
            }
        }
        return String(out)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        // U+FFFE and U+FFFF are no XML characters at all: libxml2 would print a parser error
        // on stderr for each before saying no.
        !TermKey.isUnwritable(scalar) && xmlValidateNMToken(String(scalar), 0) == 0
    }
}
