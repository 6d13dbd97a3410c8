import Foundation

/// Where a path really is, even before it exists: the longest part of it that exists, with
/// every symbolic link in it resolved, followed by the rest as written. Two paths are the same
/// place exactly when their real paths are equal, however they were spelt.
///
/// ```swift
/// RealPath.of(URL(fileURLWithPath: "link-to-corpus/new/graph.dot"))   // "/home/me/corpus/new/graph.dot"
/// ```
package enum RealPath {
    package static func of(_ url: URL) -> String {
        let components = url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var existing = components.count
        var resolved: [String] = []
        while existing >= 0 {
            if let real = realpath("/" + components.prefix(existing).joined(separator: "/"), nil) {
                resolved = String(cString: real).split(separator: "/").map(String.init)
                free(real)
                break
            }
            existing -= 1
        }
        // Below the last folder that exists no link can stand yet, so `..` is taken back as
        // written: it undoes a folder that the write would create.
        for component in components.dropFirst(max(existing, 0)) {
            switch component {
            case ".": continue
            case "..": _ = resolved.popLast()
            default: resolved.append(component)
            }
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// Whether the real path `path` is the real path `folder` or lies below it.
    package static func isInside(_ path: String, folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }
}
