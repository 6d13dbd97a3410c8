import TermgraphCore
import TermgraphCorpus

/// A vault's notes by name (§1a): `[[Note]]` is the note whose file name without extension is
/// `Note` (folded), wherever it lives, and `[[sub/Note]]` one whose folder path ends in `sub`.
/// Several fit: the one in the linking note's own folder, else the shortest path (in
/// characters), else the first in path order, reported as ambiguous with every candidate.
/// Other files are found the same way by their whole file name (`![[diagram.png]]`), after notes.
struct NoteNameLookup: TargetLookup {
    /// A file that a name can reach: its position (an article, or an other file), its folder
    /// (folded) and the length of its path in characters.
    private struct Candidate {
        var index: Int
        var folder: String
        var length: Int
    }

    private var notes: [String: [Candidate]] = [:]
    private var files: [String: [Candidate]] = [:]
    private let otherFiles: [String]

    init(articles: [Article], otherFiles: [String]) {
        self.otherFiles = otherFiles
        for (i, article) in articles.enumerated() {
            let (folder, name) = Self.split(FilePathLookup.key(ofNoteAt: article.path))
            notes[name, default: []].append(Candidate(index: i, folder: folder, length: article.path.count))
        }
        for (i, file) in otherFiles.enumerated() {
            let (folder, name) = Self.split(TermKey.normalize(file))
            files[name, default: []].append(Candidate(index: i, folder: folder, length: file.count))
        }
    }

    func article(forKey key: String) -> Int? {
        if case .article(let i)? = match(key, from: "") { return i }
        return nil
    }

    func match(_ key: String, from folder: String) -> LinkTarget? {
        let (folderPart, name) = Self.split(key)
        let fits = { (candidate: Candidate) in
            folderPart.isEmpty || candidate.folder == folderPart || candidate.folder.hasSuffix("/" + folderPart)
        }
        if let found = notes[name]?.filter(fits), let chosen = Self.choose(found, from: folder) {
            return found.count == 1 ? .article(chosen.index) : .ambiguous(chosen.index, candidates: found.map(\.index))
        }
        if let found = files[name]?.filter(fits), let chosen = Self.choose(found, from: folder) {
            return .attachment(otherFiles[chosen.index])
        }
        return nil
    }

    /// The tie rule: the candidate in the linking note's folder, else the shortest path, else
    /// the first in path order (candidates are in path order).
    private static func choose(_ candidates: [Candidate], from folder: String) -> Candidate? {
        if candidates.count < 2 { return candidates.first }
        if let here = candidates.first(where: { $0.folder == folder }) { return here }
        return candidates.min { $0.length < $1.length }
    }

    /// `a/b/name` → (`a/b`, `name`).
    private static func split(_ key: String) -> (folder: String, name: String) {
        guard let slash = key.lastIndex(of: "/") else { return ("", key) }
        return (String(key[..<slash]), String(key[key.index(after: slash)...]))
    }
}
