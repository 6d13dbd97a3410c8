import TermgraphCorpus

/// The names one link's resolution looked up, as what a later build compares them by: the hash
/// of each key's last path component. Every lookup finds an article by a key it registered the
/// article under (or, for a vault's note names, by the key's last component), so a resolution
/// whose trail holds none of the names that changed between two builds gives the same answer in
/// both: the server's delta build re-resolves only the links whose trail meets a changed name.
///
/// Hashes may collide; a collision only makes a link be resolved again for nothing.
struct NameTrail: Sendable {
    /// Whether keys are written down at all: a one-off build keeps no trail.
    let recording: Bool
    private(set) var names: [UInt32] = []

    init(recording: Bool) {
        self.recording = recording
    }

    @inline(__always) mutating func note(_ key: String) {
        if recording { names.append(Self.name(of: key)) }
    }

    mutating func note(_ other: NameTrail) {
        if recording { names += other.names }
    }

    mutating func removeAll() {
        names.removeAll(keepingCapacity: true)
    }

    /// The hash of the last `/`-separated component of `key` (FNV-1a, 32 bits: the same in
    /// every process, so the order of what is compared never depends on a seed).
    static func name(of key: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        let utf8 = key.utf8
        let start = utf8.lastIndex(of: UInt8(ascii: "/")).map(utf8.index(after:)) ?? utf8.startIndex
        for byte in utf8[start...] { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }
}

extension LinkResolver {
    /// The names (`NameTrail.name(of:)`) of every key any lookup knows the article under: its
    /// slug key, its path key, its `/`-aliases and its note path. A link that reaches the article
    /// looked up one of them; a link that did not may reach it once it is added.
    static func names(ofArticle article: Article, key: String, pathKey: String, base: String) -> [UInt32] {
        var names = [NameTrail.name(of: key), NameTrail.name(of: pathKey), NameTrail.name(of: FilePathLookup.key(ofNoteAt: article.path))]
        names += PathOrAliasLookup.aliasKeys(of: article, base: base).map(NameTrail.name(of:))
        return names
    }
}
