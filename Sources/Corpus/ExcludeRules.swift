/// Paths left out of a corpus: `exclude` globs with `.gitignore` semantics (§1d), relative to
/// the corpus root.
///
/// ```swift
/// let excluded = ExcludeRules(["drafts/", "_common/**", "*.tmp.md", "!drafts/keep.md"])
/// excluded.contains("drafts/a.md")        // true (its folder is excluded)
/// excluded.contains("docs/x.tmp.md")      // true (no slash in the glob: any folder)
/// ```
///
/// As in git: a glob with a slash at its start or in its middle is anchored to the root, one
/// without matches a name at any depth; a trailing `/` matches folders only; `*` and `?` never
/// match `/`; `**` matches any number of folders; `[a-z]`, `[!a]` are classes and `\` escapes.
/// The last glob that matches decides, and `!` re-includes — but, as in git, nothing inside an
/// excluded folder can be re-included.
public struct ExcludeRules: Sendable, Equatable {
    struct Glob: Sendable, Equatable {
        var segments: [[UInt8]]
        var negated: Bool
        var foldersOnly: Bool
    }

    private var globs: [Glob] = []

    public var isEmpty: Bool { globs.isEmpty }

    public init(_ patterns: [String] = []) {
        for pattern in patterns { add(pattern) }
    }

    /// Adds one glob after the others (so it decides over them); blank ones and `#` comments are
    /// ignored.
    public mutating func add(_ pattern: String) {
        var text = pattern.trimmingSpaces
        guard !text.isEmpty, !text.hasPrefix("#") else { return }
        let negated = text.hasPrefix("!")
        if negated { text.removeFirst() }
        let foldersOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text.removeLast() }
        guard !text.isEmpty else { return }
        let anchored = text.dropLast().contains("/")
        while text.hasPrefix("/") { text.removeFirst() }
        var segments = text.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        if !anchored && segments.first != Array("**".utf8) { segments.insert(Array("**".utf8), at: 0) }
        globs.append(Glob(segments: segments, negated: negated, foldersOnly: foldersOnly))
    }

    /// Whether the file at `path` (relative to the root, `/`-separated) is left out: one of its
    /// folders is, or the last glob matching the file itself excludes it.
    public func contains(_ path: String) -> Bool {
        guard !globs.isEmpty else { return false }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        for depth in 1..<max(segments.count, 1) where decides(segments[..<depth], folder: true) == true {
            return true
        }
        return decides(segments[...], folder: false) ?? false
    }

    /// Whether the folder or file at `path` is left out by the globs that match it, its folders
    /// aside (a walk that asks this of each folder before entering it never sees the rest).
    public func excludes(_ path: String, folder: Bool) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        return decides(segments[...], folder: folder) ?? false
    }

    /// Whether the last glob matching these segments excludes (true) or re-includes (false);
    /// nil when none matches.
    private func decides(_ segments: ArraySlice<[UInt8]>, folder: Bool) -> Bool? {
        for glob in globs.reversed() where (folder || !glob.foldersOnly) && Self.match(glob.segments[...], segments) {
            return !glob.negated
        }
        return nil
    }

    private static let doubleStar = Array("**".utf8)

    /// Glob segments against path segments, `**` standing for any number of them.
    static func match(_ glob: ArraySlice<[UInt8]>, _ path: ArraySlice<[UInt8]>) -> Bool {
        guard let first = glob.first else { return path.isEmpty }
        if first == doubleStar {
            let rest = glob.dropFirst()
            if rest.isEmpty { return !path.isEmpty }
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(first[...], segment[...]) else { return false }
        return match(glob.dropFirst(), path.dropFirst())
    }

    /// One segment against one name: `*`, `?`, `[…]` classes, `\` escapes.
    static func matchSegment(_ glob: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var g = glob.startIndex, n = name.startIndex
        var starG: Int?, starN = 0
        while n < name.endIndex {
            if g < glob.endIndex {
                let c = glob[g]
                if c == UInt8(ascii: "*") {
                    starG = g
                    starN = n
                    g += 1
                    continue
                }
                let (matched, next, wholeCharacter) = single(glob, at: g, name[n])
                if matched {
                    g = next
                    n = wholeCharacter ? nextScalar(name, after: n) : n + 1
                    continue
                }
            }
            // Backtrack: let the last `*` take one more character.
            guard let star = starG else { return false }
            starN = nextScalar(name, after: starN)
            n = starN
            g = star + 1
        }
        while g < glob.endIndex && glob[g] == UInt8(ascii: "*") { g += 1 }
        return g == glob.endIndex
    }

    /// Whether the glob item at `g` (a literal byte, `?`, an escape or a class) matches the
    /// name at `byte`, where the glob goes on, and whether the item takes the whole character
    /// that starts there (`?` and classes do; a literal matches byte by byte).
    private static func single(_ glob: ArraySlice<UInt8>, at g: Int, _ byte: UInt8) -> (Bool, Int, Bool) {
        let c = glob[g]
        switch c {
        case UInt8(ascii: "?"):
            return (true, g + 1, true)
        case UInt8(ascii: "\\") where g + 1 < glob.endIndex:
            return (glob[g + 1] == byte, g + 2, false)
        case UInt8(ascii: "["):
            var i = g + 1
            let negate = i < glob.endIndex && (glob[i] == UInt8(ascii: "!") || glob[i] == UInt8(ascii: "^"))
            if negate { i += 1 }
            var found = false, first = true
            while i < glob.endIndex && (first || glob[i] != UInt8(ascii: "]")) {
                first = false
                let low = glob[i]
                if i + 2 < glob.endIndex && glob[i + 1] == UInt8(ascii: "-") && glob[i + 2] != UInt8(ascii: "]") {
                    if low <= byte && byte <= glob[i + 2] { found = true }
                    i += 3
                } else {
                    if low == byte { found = true }
                    i += 1
                }
            }
            guard i < glob.endIndex else { return (c == byte, g + 1, false) }  // no closing `]`: a literal `[`
            return (found != negate, i + 1, true)
        default:
            return (c == byte, g + 1, false)
        }
    }

    /// The index after the character that starts at `i` (UTF-8: continuation bytes go with it),
    /// so that `?` and `*` take whole characters.
    private static func nextScalar(_ name: ArraySlice<UInt8>, after i: Int) -> Int {
        var j = i + 1
        while j < name.endIndex && name[j] & 0xC0 == 0x80 { j += 1 }
        return j
    }
}
