import TermgraphCore

/// The target without `?query` and `#fragment`.
func dropQueryAndFragment(_ target: String) -> String {
    if let cut = target.firstIndex(where: { $0 == "?" || $0 == "#" }) { return String(target[..<cut]) }
    return target
}

/// `%XX` escapes decoded; a malformed escape stays as written, and so does the whole text when
/// the decoded bytes are not UTF-8.
func percentDecode(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
    var bytes: [UInt8] = []
    let source = Array(text.utf8)
    var i = 0
    while i < source.count {
        if source[i] == UInt8(ascii: "%"), i + 2 < source.count, let high = hexValue(source[i + 1]), let low = hexValue(source[i + 2]) {
            bytes.append(high << 4 | low)
            i += 3
        } else {
            bytes.append(source[i])
            i += 1
        }
    }
    return String(validating: bytes, as: UTF8.self) ?? text
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x41...0x46: return c - 0x41 + 10
    case 0x61...0x66: return c - 0x61 + 10
    default: return nil
    }
}

/// `a/./b/../c` → `a/c`, with `..` stopping at the root; leading and trailing `/` removed.
func removeDotSegments(_ path: String) -> String {
    if !path.contains(".") && !path.contains("//") { return TermKey.trimSlashes(path) }
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

/// `path` without the configured `base` folder it starts with (`base` trimmed of `/`).
func stripBase(_ path: String, base: String) -> String {
    guard !base.isEmpty else { return path }
    if path == base { return "" }
    if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
    return path
}
