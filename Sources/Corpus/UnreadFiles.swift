import Foundation
import TermgraphStorage

/// The files of a corpus folder that no reader takes, counted by extension: a corpus that gives
/// no articles says what it holds instead of staying silent
/// (`0 articles; 269 .html files are not articles`).
///
/// ```swift
/// UnreadFiles(root: url, config: config).warning   // nil when every file has a reader
/// ```
package struct UnreadFiles: Sendable, Equatable {
    /// (extension in lower case with its dot, or "" for none; number of files), most first, then
    /// by extension.
    package var counts: [(ext: String, files: Int)]

    package static func == (a: UnreadFiles, b: UnreadFiles) -> Bool {
        a.counts.elementsEqual(b.counts) { $0 == $1 }
    }

    /// Walks every file of `root` (hidden ones skipped, as always); `termgraph.yml` is the
    /// corpus's configuration, not an unread file.
    package init(root: URL, config: CorpusConfig) {
        let taken = CorpusReader.formats(for: config).flatMap(\.extensions)
        var byExtension: [String: Int] = [:]
        for file in FolderWalker(root: root.path, extensions: [""]).list().files where file.path != CorpusConfig.fileName {
            let lower = file.path.lowercased()
            guard !taken.contains(where: lower.hasSuffix) else { continue }
            byExtension[Self.fileExtension(lower), default: 0] += 1
        }
        counts = byExtension.map { ($0.key, $0.value) }.sorted { $0.files != $1.files ? $0.files > $1.files : $0.ext < $1.ext }
    }

    /// `.html` of `a/b.html`; "" for `README` or `.profile`.
    private static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[dot...])
    }

    /// `0 articles; 269 .html files are not articles`, or nil when there is nothing unread.
    package var warning: String? {
        guard !counts.isEmpty else { return nil }
        let parts = counts.map { ext, files in
            let noun = files == 1 ? "file" : "files"
            return ext.isEmpty ? "\(files) \(noun) without an extension" : "\(files) \(ext) \(noun)"
        }
        let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
        let total = counts.reduce(0) { $0 + $1.files }
        return "0 articles; \(list) \(total == 1 ? "is not an article" : "are not articles")"
    }
}
