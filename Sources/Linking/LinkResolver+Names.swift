import TermgraphCore
import TermgraphCorpus

/// Resolution in a vault (`links: names`, §1a): a target is tried as a path from the root, then
/// from the linking note's folder, by each lookup in turn (files by path, notes by name, slugs);
/// what reaches nothing goes where a redirect of the same path goes (§1d), else is wanted under
/// its path from the root.
extension LinkResolver {
    /// Markdown note extensions a vault link may leave off.
    static let noteExtensions = [".md", ".markdown"]

    /// `a/Note.md` → `a/Note`; any other name as it is.
    static func withoutNoteExtension(_ path: String) -> String {
        let lower = path.lowercased()
        guard let ext = noteExtensions.first(where: { lower.hasSuffix($0) }), path.utf8.count > ext.utf8.count else { return path }
        return String(decoding: path.utf8.dropLast(ext.utf8.count), as: UTF8.self)
    }

    func resolveByName(_ target: String, from path: String, kind: Link.Kind, trail: inout NameTrail) -> LinkTarget {
        let trimmed = target.trimmingSpaces
        guard let (rawPath, _) = internalPath(trimmed, kind: kind) else { return .external }
        // A wikilink's target ends at its heading or block (`#`); a note name may hold `?`.
        let cut = kind == .wikilink ? String(rawPath.prefix { $0 != "#" }) : dropQueryAndFragment(rawPath)
        let decoded = percentDecode(cut)
        // `[[#heading]]`, `[[]]`, `[text](#part)`: the note itself.
        if decoded.isEmpty { return .none }
        let fromRoot = decoded.hasPrefix("/")
        let root = Self.withoutNoteExtension(removeDotSegments(fromRoot ? stripBase(TermKey.trimSlashes(decoded), base: base) : decoded))
        guard !root.isEmpty else { return .none }
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        var keys = [TermKey.normalize(root)]
        if !fromRoot && !folder.isEmpty {
            let relative = TermKey.normalize(Self.withoutNoteExtension(removeDotSegments(folder + "/" + decoded)))
            if relative != keys[0] { keys.append(relative) }
        }
        let folderKey = TermKey.normalize(folder)
        for lookup in lookups {
            for key in keys {
                trail.note(key)
                if let found = lookup.match(key, from: folderKey) { return found }
            }
        }
        // A note that answers wins over a redirect of the same path, as in a site.
        if !redirects.isEmpty, let redirect = keys.lazy.compactMap({ self.redirects[$0] }).first { return redirect }
        return .wanted(key: keys[0], written: root)
    }
}
