import TermgraphCorpus

/// The distinct anchor texts of one edge, in first-seen order, kept as the links that carry
/// them. Texts are the same as strings compare (`LinkResolution.sameText`).
///
/// A few texts are compared one by one; past that, kept texts are looked up in a set of
/// strings, so that one article linking N times to one target with N different texts costs N
/// steps, not N². The set holds `String`s for every text, ASCII or not: a string's hash agrees
/// with its `==`, and hashing ASCII bytes instead would not (`"K"` equals `"\u{212A}"`, the Kelvin sign).
struct DistinctAnchors {
    /// The links whose anchor texts are kept, in the order met.
    private(set) var links: [Int] = []
    /// The kept texts, once there are `comparedOneByOne` of them.
    private var seen: Set<String> = []

    /// More kept texts than this are looked up in `seen`; an edge rarely has so many.
    static let comparedOneByOne = 8

    /// Keeps link `i`'s anchor text, `text`, unless it is empty or the same as one kept already.
    mutating func add(_ i: Int, text: ArraySlice<UInt8>, of list: LinkList) {
        guard !text.isEmpty else { return }
        if links.count < Self.comparedOneByOne {
            guard !links.contains(where: { LinkResolution.sameText(list.anchorText($0), text) }) else { return }
            links.append(i)
            if links.count == Self.comparedOneByOne {
                seen = Set(links.map { String(decoding: list.anchorText($0), as: UTF8.self) })
            }
        } else if seen.insert(String(decoding: text, as: UTF8.self)).inserted {
            links.append(i)
        }
    }
}
