import TermgraphCore

/// The anchors an article defines — the names a `#fragment` may give — each folded (NFC,
/// case), kept as one string of lines so that a corpus of many headings costs one allocation
/// per article. Empty unless `fragments: check` is on.
public struct AnchorSet: Sendable, Equatable {
    /// The folded anchors, sorted and distinct, each ended by a line feed.
    package private(set) var packed: String

    public init() { packed = "" }

    package init(packed: String) { self.packed = packed }

    /// The set of `names` (ids, heading texts, as written), folded.
    package init<Names: Sequence<String>>(_ names: Names) {
        let keys = Set(names.lazy.map(Self.fold).filter { !$0.isEmpty })
        packed = keys.sorted(by: TermKey.precedes).map { $0 + "\n" }.joined()
    }

    public var isEmpty: Bool { packed.isEmpty }

    /// The folded anchors, in Unicode scalar order.
    public var keys: [String] { packed.split(separator: "\n").map(String.init) }

    /// The key an anchor and a fragment are compared by: NFC, case-folded, without the line
    /// ends no name may hold.
    package static func fold(_ name: String) -> String {
        let key = TermKey.normalize(name)
        return key.contains(where: \.isNewline) ? String(key.map { $0.isNewline ? " " : $0 }) : key
    }
}
