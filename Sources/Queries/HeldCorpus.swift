import Foundation
import TermgraphCorpus
import TermgraphGraph
import TermgraphIndex
import TermgraphLinking
import TermgraphStorage
import TermgraphTerms

/// A corpus held in memory and brought up to date after its files change, as the server keeps
/// it: each update walks the folder (one `stat` per file), or reads again only the folders the
/// caller says changed; it reads only the files whose stamps changed, and resolves only the
/// links those files can reach (`ResolutionMemo`); the term tables are patched for the nodes
/// whose names those links touch; the rest of the graph is built again from what is held. Every
/// update gives a workspace whose
/// answers are those of a fresh build of the corpus as it stood.
///
/// ```swift
/// var held = HeldCorpus(root: URL(fileURLWithPath: "corpus"))
/// let (workspace, update) = try held.update()   // the first reads the corpus (or the index)
/// ```
///
/// A change of `termgraph.yml` (or of the redirects file it names) makes the next update a full
/// one, as does anything the links depend on beyond the articles' names (`ResolutionMemo`).
public struct HeldCorpus: Sendable {
    public let root: URL
    private let index: CorpusIndex?
    private let reader = CorpusReader()
    /// What is held: the configuration it was read under, every file's record under the stamp
    /// it was read at, the files whose stamps cannot vouch for their content (read again next
    /// time), and the memo of the last build's links.
    private var configBytes: [UInt8]?
    private var records: [String: (stamp: FileStamp, record: ExtractedFile)] = [:]
    private var racy: Set<String> = []
    private var memo: ResolutionMemo?
    /// The last build's graph and term tables, which the next patches.
    private var built: (graph: KnowledgeGraph, terms: TermIndex)?
    /// The last look at the folder, which the next may take over but for the folders that changed.
    private var scanned: CorpusReader.Scan?

    /// What one update did.
    public struct Update: Sendable, Equatable {
        /// Files added, changed or removed since the last update.
        public var filesChanged: Int
        /// Articles whose links were resolved again.
        public var articlesResolved: Int
        /// Whether everything was built again (the first update, a new configuration).
        public var full: Bool
        /// Whether the whole folder was walked, rather than only the folders said to have changed.
        public var walkedEverything: Bool

        public init(filesChanged: Int, articlesResolved: Int, full: Bool, walkedEverything: Bool = true) {
            (self.filesChanged, self.articlesResolved, self.full, self.walkedEverything) = (filesChanged, articlesResolved, full, walkedEverything)
        }
    }

    /// - Parameters:
    ///   - cacheFolder, useIndex: where the on-disk index is; the first update takes the files
    ///     it holds under their stamps instead of reading them. The index is never written.
    public init(root: URL, cacheFolder: URL? = nil, useIndex: Bool = true) {
        self.root = root
        self.index = useIndex ? CorpusIndex(folder: cacheFolder ?? CorpusIndex.defaultFolder(for: root)) : nil
    }

    /// Brings what is held up to the folder as it is now, and gives a workspace answering from it.
    /// - Parameter changedFolders: when the caller knows them (a server, from inotify), the only
    ///   folders (the bytes of their paths relative to the root, none for the root) whose entries
    ///   can have changed since the last update: only they are read again. Nil walks the whole
    ///   folder.
    public mutating func update(changedFolders: Set<[UInt8]>? = nil) throws(QueryError) -> (workspace: Workspace, update: Update) {
        let configuration: CorpusReader.Configuration
        do {
            configuration = try reader.readConfiguration(root)
        } catch {
            (records, racy, memo, built, scanned) = ([:], [], nil, nil, nil)
            throw .unreadableCorpus("\(error)")
        }
        let full = memo == nil || configBytes != configuration.bytes
        let rescanned = full ? nil : changedFolders.flatMap { changed in scanned.flatMap { reader.rescan($0, configuration: configuration, changed: changed) } }
        let scan = rescanned ?? reader.scan(root, configuration: configuration)
        scanned = scan
        if full {
            built = nil
            records = index.map { index in index.records(for: scan).mapValues { (stamp: $0.0, record: $0.1) } } ?? [:]
            (racy, memo) = ([], nil)
        }
        // What the walk found that is not held as it is now: added, changed, or unsure.
        var changed = Set<String>()
        var found = 0
        for file in scan.files {
            if let held = records[file.path] {
                found += 1
                if held.stamp == file.stamp && !racy.contains(file.path) { continue }
            }
            changed.insert(file.path)
        }
        if found < records.count {
            let paths = Set(scan.files.map(\.path))
            for path in records.keys where !paths.contains(path) { changed.insert(path) }
        }
        let held = records, unsure = racy
        let extracted = reader.extract(scan, reusing: { path, stamp in
            guard let record = held[path], record.stamp == stamp, !unsure.contains(path) else { return nil }
            return record.record
        })
        for path in changed { records[path] = nil }
        for (file, record) in zip(extracted.files, extracted.records) where changed.contains(file.path) {
            records[file.path] = (file.stamp, record)
        }
        racy = Set(extracted.racy.map(\.path))
        configBytes = configuration.bytes
        let (graph, made) = CorpusGraph.build(extracted.corpus, after: full ? nil : memo, changedFiles: changed)
        memo = made
        let terms = if let touched = made.touchedKeys, let built {
            TermIndex(graph.graph, patching: built.terms, of: built.graph, touched: touched)
        } else {
            TermIndex(graph.graph)
        }
        built = (graph.graph, terms)
        let workspace = Workspace(root: root, holding: extracted.corpus, graph: graph, terms: terms, memo: made)
        return (workspace, Update(filesChanged: full ? scan.files.count : changed.count, articlesResolved: made.articlesResolved,
                                  full: full || made.touchedKeys == nil, walkedEverything: rescanned == nil))
    }
}
