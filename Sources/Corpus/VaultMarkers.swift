import Foundation
import TermgraphStorage

/// What marks a corpus folder as a note-taking app's vault, whose links go by note name (§1a):
/// an `.obsidian/` or `.foam/` folder at its root, or a `.vscode/extensions.json` that
/// recommends Foam (`foam.foam-vscode`), as Foam's template vaults carry.
///
/// ```swift
/// VaultMarkers.find(in: URL(fileURLWithPath: "notes"))   // ".obsidian/" when notes/.obsidian is a folder
/// ```
public enum VaultMarkers {
    static let foamExtension = "foam.foam-vscode"

    /// The marker the folder holds, as named in messages, or nil.
    public static func find(in root: URL) -> String? {
        for folder in [".obsidian", ".foam"] where isFolder(root.appendingPathComponent(folder).path) {
            return folder + "/"
        }
        let extensions = root.appendingPathComponent(".vscode/extensions.json").path
        if let bytes = try? FileReader(limit: 1 << 20).read(extensions), recommendsFoam(bytes) {
            return ".vscode/extensions.json"
        }
        return nil
    }

    /// Whether a VS Code `extensions.json` (JSON with comments and trailing commas, as VS Code
    /// writes it) lists Foam among its `recommendations`; a file that does not parse does not.
    static func recommendsFoam(_ bytes: [UInt8]) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(plainJSON(bytes))) as? [String: Any],
              let recommended = object["recommendations"] as? [Any] else { return false }
        return recommended.contains { ($0 as? String)?.lowercased() == foamExtension }
    }

    /// JSON with comments as plain JSON: `//` and `/* */` comments outside strings, and commas
    /// right before a closing `]` or `}`, removed.
    static func plainJSON(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var inString = false
        while i < bytes.count {
            let c = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            if inString {
                out.append(c)
                if c == UInt8(ascii: "\\"), i + 1 < bytes.count {
                    out.append(next)
                    i += 1
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if c == UInt8(ascii: "/") && next == UInt8(ascii: "/") {
                while i < bytes.count && bytes[i] != 0x0A { i += 1 }
                continue
            } else if c == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                i += 2
                while i + 1 < bytes.count && !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) { i += 1 }
                i += 2
                continue
            } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                while let last = out.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { out.removeLast() }
                if out.last == UInt8(ascii: ",") { out.removeLast() }
                out.append(c)
            } else {
                if c == UInt8(ascii: "\"") { inString = true }
                out.append(c)
            }
            i += 1
        }
        return out
    }

    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}
