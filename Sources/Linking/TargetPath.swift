import TermgraphCore

/// The target without `?query` and `#fragment`.
func dropQueryAndFragment(_ target: String) -> String {
    if let cut = target.firstIndex(where: { $0 == "?" || $0 == "#" }) { return String(target[..<cut]) }
    return target
}

/// `a/./b/../c` → `a/c`, with `..` stopping at the root; leading and trailing `/` removed.
func removeDotSegments(_ path: String) -> String {
    if !path.utf8.contains(UInt8(ascii: ".")) && !hasDoubleSlash(path) { return TermKey.trimSlashes(path) }
    var segments: [Substring] = []
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    for (index, part) in parts.enumerated() {
        if part == "." || (part.isEmpty && index > 0 && index < parts.count - 1) { continue }
        if part == ".." {
            if !segments.isEmpty { segments.removeLast() }
            continue
        }
        segments.append(part)
    }
    return TermKey.trimSlashes(segments.joined(separator: "/"))
}

private func hasDoubleSlash(_ path: String) -> Bool {
    var slash = false
    for byte in path.utf8 {
        if byte == UInt8(ascii: "/") && slash { return true }
        slash = byte == UInt8(ascii: "/")
    }
    return false
}

/// `path` without the configured `base` folder it starts with (`base` trimmed of `/`).
func stripBase(_ path: String, base: String) -> String {
    guard !base.isEmpty else { return path }
    if path == base { return "" }
    if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
    return path
}
