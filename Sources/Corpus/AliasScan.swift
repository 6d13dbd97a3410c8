/// What YAML aliases in front matter or `termgraph.yml` could cost, judged from the text before
/// the YAML parser sees it.
///
/// An alias is a reference, but the parser compares the keys of every mapping by hashing them
/// whole, aliases expanded: a key holding `*l30`, where each `l` list holds two aliases of the
/// one before, is hashed as two billion values. Such growth needs one anchored list or
/// mapping inside another; with at most one, an alias expands to no more than the text it
/// names. So YAML that anchors two or more lists or mappings and uses aliases is refused, as
/// is any with too many aliases. Scalars may be anchored freely.
///
/// ```swift
/// AliasScan("a: &a [x, y]\nb: *a")  // aliases 1, collectionAnchors 1
/// ```
struct AliasScan {
    /// More aliases than this are refused whatever they name.
    static let maximumAliases = 64

    /// Why YAML text is not handed to the parser (`uses more than 64 YAML aliases`, to follow
    /// what it is: "front matter", "the configuration"), or nil when its aliases are harmless.
    static func refusal(of yaml: String) -> String? {
        guard yaml.utf8.contains(UInt8(ascii: "*")) else { return nil }
        let scan = AliasScan(yaml)
        if scan.aliases > maximumAliases { return "uses more than \(maximumAliases) YAML aliases" }
        if scan.aliases > 0 && scan.collectionAnchors > 1 {
            return "names more than one YAML list or mapping with an anchor and uses aliases; an alias of an alias can stand for billions of values"
        }
        return nil
    }

    /// Alias tokens: `*name` where a YAML node can start.
    private(set) var aliases = 0
    /// Anchors (`&name`) put on a flow list or mapping (`[`, `{`), or on a block one (nothing
    /// but a tag or a comment after it on its line).
    private(set) var collectionAnchors = 0

    init(_ yaml: String) {
        // Quotes, comments and block scalars are not skipped: where a quote begins a scalar and
        // where it is only a character of one takes a YAML parser to tell, and a scan that
        // skipped too much would let aliases through. `&name [` in text counts as an anchor.
        let bytes = Array(yaml.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            let startsNode = i == 0 || Self.precedesNode.contains(bytes[i - 1])
            guard startsNode, byte == UInt8(ascii: "*") || byte == UInt8(ascii: "&"),
                  i + 1 < bytes.count, Self.isNameByte(bytes[i + 1]) else {
                i += 1
                continue
            }
            i += 1
            while i < bytes.count && Self.isNameByte(bytes[i]) { i += 1 }
            if byte == UInt8(ascii: "*") {
                aliases += 1
            } else if Self.startsCollection(bytes, after: i) {
                collectionAnchors += 1
            }
        }
    }

    /// Whether what follows an anchor ending at `i` (spaces, then perhaps a tag) is a list or
    /// a mapping, or the end of the line, where a block one would begin.
    private static func startsCollection(_ bytes: [UInt8], after end: Int) -> Bool {
        var i = end
        func skipBlanks() { while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 } }
        skipBlanks()
        if i < bytes.count && bytes[i] == UInt8(ascii: "!") {
            while i < bytes.count && !isBlank(bytes[i]) { i += 1 }
            skipBlanks()
        }
        guard i < bytes.count else { return true }
        return [UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "#"), 0x0A].contains(bytes[i])
    }

    /// Bytes after which a node, and so an anchor or an alias, can begin.
    private static let precedesNode: Set<UInt8> = [0x20, 0x09, 0x0A, UInt8(ascii: "["), UInt8(ascii: "{"),
                                                   UInt8(ascii: ","), UInt8(ascii: ":")]

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A
    }

    /// A byte of an anchor's name: anything but white space and the flow indicators.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        !isBlank(byte) && !"[]{},".utf8.contains(byte)
    }
}
