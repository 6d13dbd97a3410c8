/// A link reference resolved against a base URL as a browser does it (RFC 3986 §5.2), for
/// `<base href>` and for pages served without a trailing slash (§1b). The base is an absolute
/// URL (`https://host/a/`) or a root-relative path (`/a/b`); the result's `.` and `..`
/// segments are removed, as a browser removes them.
///
/// ```swift
/// URLReference.resolve("c#x", against: "/a/b")             // "/a/c#x"
/// URLReference.resolve("/c", against: "https://h.org/a/")   // "https://h.org/c"
/// ```
enum URLReference {
    static func resolve(_ reference: String, against base: String) -> String {
        let ref = reference.trimmingSpaces
        if hasScheme(ref) { return ref }
        let (origin, path) = split(base)
        if ref.hasPrefix("//") {
            guard let colon = origin.firstIndex(of: ":") else { return ref }
            return String(origin[...colon]) + ref
        }
        if ref.hasPrefix("/") { return origin + removingDotSegments(ref) }
        let basePath = path.firstIndex(where: { $0 == "#" }).map { String(path[..<$0]) } ?? path
        if ref.isEmpty { return origin + basePath }
        if ref.hasPrefix("#") { return origin + basePath + ref }
        let noQuery = basePath.firstIndex(of: "?").map { String(basePath[..<$0]) } ?? basePath
        if ref.hasPrefix("?") { return origin + noQuery + ref }
        let folder = noQuery.lastIndex(of: "/").map { String(noQuery[...$0]) } ?? "/"
        return origin + removingDotSegments(folder + ref)
    }

    /// RFC 3986 §5.2.4 on a path that starts with `/`, its query and fragment kept as they are:
    /// `/a/b/../c/./d` → `/a/c/d`, `/a/..` → `/`.
    static func removingDotSegments(_ reference: String) -> String {
        let cut = reference.firstIndex { $0 == "?" || $0 == "#" } ?? reference.endIndex
        let segments = reference[..<cut].split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var output: [Substring] = []
        for (i, segment) in segments.enumerated() {
            let last = i == segments.count - 1
            switch segment {
            case ".": if last { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if last { output.append("") }
            default: output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/") + reference[cut...]
    }

    /// `scheme://authority` (empty for a root-relative base) and the rest, which starts with `/`.
    private static func split(_ base: String) -> (origin: String, path: String) {
        guard hasScheme(base), let slashes = base.range(of: "//") else { return ("", base.hasPrefix("/") ? base : "/" + base) }
        let afterAuthority = base[slashes.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? base.endIndex
        let rest = String(base[afterAuthority...])
        return (String(base[..<afterAuthority]), rest.hasPrefix("/") ? rest : "/" + rest)
    }

    /// `letter (letter | digit | + - .)* :` at the start.
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter else { return false }
        return text[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}
