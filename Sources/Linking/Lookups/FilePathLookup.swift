import TermgraphCore
import TermgraphCorpus

/// A vault's files by their path from the root (§1a): a note by its path without `.md` (a link
/// may leave the extension off, and the resolver takes it off), any other file (an image, a
/// PDF) by its whole path, as an attachment. The first file of a key in path order keeps it.
struct FilePathLookup: TargetLookup {
    private var notes: [String: Int] = [:]
    private var files: [String: String] = [:]

    init(articles: [Article], otherFiles: [String]) {
        for (i, article) in articles.enumerated() {
            let key = Self.key(ofNoteAt: article.path)
            if notes[key] == nil { notes[key] = i }
        }
        for file in otherFiles {
            let key = TermKey.normalize(file)
            if files[key] == nil { files[key] = file }
        }
    }

    /// A note's key: its path without `.md`, folded.
    static func key(ofNoteAt path: String) -> String {
        TermKey.normalize(LinkResolver.withoutNoteExtension(path))
    }

    func article(forKey key: String) -> Int? { notes[key] }

    func match(_ key: String, from folder: String) -> LinkTarget? {
        if let i = notes[key] { return .article(i) }
        return files[key].map(LinkTarget.attachment)
    }
}
