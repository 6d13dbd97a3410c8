import Foundation
import TermgraphCore
import TermgraphCorpus
import TermgraphGraph
import TermgraphIndex
import TermgraphLinking
import TermgraphStorage
import TermgraphTerms

/// One corpus as every front end sees it: its folder, its on-disk index, and the graph and term
/// tables, each loaded the first time a query needs them and kept for the next.
///
/// ```swift
/// let workspace = Workspace(root: URL(fileURLWithPath: "corpus"))
/// let answer = try PathQuery(from: "المكتب الأمامي", to: "تسوية").run(in: workspace)
/// ```
///
/// Queries may run on it from several threads at once (a server's requests): what it loads on
/// first use is loaded under a lock, once.
public final class Workspace: @unchecked Sendable {
    /// Guards every stored property below that changes after `init`; recursive because a
    /// lookup loads the graph it looks in.
    private let lock = NSRecursiveLock()
    public let root: URL
    private let index: CorpusIndex?
    private let reader: CorpusReader
    private var loaded: CorpusIndex.IndexedGraph?
    /// `MappedFile.disturbances` when the graph was loaded: more since then means a file it is
    /// read from was opened for writing, or cut short, under it.
    private var disturbancesAtLoad = 0
    private var termIndex: TermIndex?
    /// How many times the graph was loaded (a repair loads it again): what `occurrences` was
    /// made from.
    private var loads = 0
    /// Made from the corpus, which takes long on a large one: under a lock of its own, so that
    /// queries that do not need it go on meanwhile. Taken before `lock`, never after.
    private let occurrencesLock = NSLock()
    private var occurrences: (loads: Int, made: LinkOccurrences)?
    /// What a front end should tell the user about how answers were found (an index rebuilt,
    /// an index folder holding files that are not the index's).
    public var notices: [String] { lock.withLock { recordedNotices } }
    private var recordedNotices: [String] = []
    private var lookedAtIndexFolder = false
    /// The corpus the graph was built from, when it is held in memory (`HeldCorpus`).
    private let heldCorpus: Corpus?
    private let heldMemo: ResolutionMemo?

    /// - Parameters:
    ///   - cacheFolder: where the on-disk index lives; nil for the default under
    ///     `$XDG_CACHE_HOME/termgraph`.
    ///   - useIndex: false reads every article again and neither reads nor writes an index.
    ///   - progress: called from worker threads as files are read (files done, files to read).
    ///   - exclude: globs left out on top of the configuration's `exclude` (`--exclude`).
    public init(root: URL, cacheFolder: URL? = nil, useIndex: Bool = true, exclude: [String] = [],
                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) {
        self.root = root
        self.index = useIndex ? CorpusIndex(folder: cacheFolder ?? CorpusIndex.defaultFolder(for: root)) : nil
        self.reader = CorpusReader(exclude: exclude, progress: progress)
        self.heldCorpus = nil
        self.heldMemo = nil
    }

    /// A workspace over a corpus already read and built, held in memory: it reads nothing.
    /// `memo` gives the articles and resolver the build used, which tell where links are written.
    init(root: URL, holding corpus: Corpus, graph: CorpusGraph, terms: TermIndex, memo: ResolutionMemo) {
        self.root = root
        self.index = nil
        self.reader = CorpusReader()
        self.heldCorpus = corpus
        self.heldMemo = memo
        self.loaded = (graph, nil)
        self.termIndex = terms
    }

    /// The corpus's graph, with its link counts and problems.
    public func graph() throws(QueryError) -> CorpusGraph {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded.graph }
        do {
            disturbancesAtLoad = MappedFile.disturbances
            let graph: CorpusIndex.IndexedGraph = if let index { try index.readGraph(root, with: reader) } else { (CorpusGraph(try reader.read(root)), nil) }
            noteForeignIndexFile()
            loaded = graph
            return graph.graph
        } catch {
            throw .unreadableCorpus("\(error)")
        }
    }

    /// What `body` gives from the graph, read from nothing damaged: when something it read
    /// turned out damaged (a record failing its check, a mapped file cut short), the index is
    /// rebuilt from the corpus, a notice says so, and `body` runs again. A damaged record can
    /// also make a term look unknown: the first result, or its error, stands only when nothing
    /// it read was damaged.
    public func trusted<T>(_ body: () throws(QueryError) -> T) throws(QueryError) -> T {
        let first = Result { () throws(QueryError) in try body() }
        guard try repairIfDamaged() else { return try first.get() }
        return try body()
    }

    /// Whether the graph read from the index turned out damaged since it was loaded; if so,
    /// the index is rebuilt from the corpus and a notice says so.
    private func repairIfDamaged() throws(QueryError) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let loaded, loaded.graph.graph.isDamaged || MappedFile.disturbances != disturbancesAtLoad,
              let index else { return false }
        do {
            self.loaded = try index.readGraph(root, with: reader, trusting: false)
        } catch {
            throw .unreadableCorpus("\(error)")
        }
        termIndex = nil
        loads += 1
        disturbancesAtLoad = MappedFile.disturbances
        recordedNotices.append("note: the on-disk index in \(index.folder.path) was damaged; it has been rebuilt from the corpus")
        return true
    }

    /// Once: when the index folder holds a file that is not the index's, the index leaves it
    /// alone and is not written, and answers come from reading the corpus; the user is told
    /// why, and which file is in the way.
    private func noteForeignIndexFile() {
        guard !lookedAtIndexFolder, let index else { return }
        lookedAtIndexFolder = true
        if let foreign = index.foreignFile {
            recordedNotices.append("note: \(foreign.path) is not a termgraph index file; the index is not written to \(index.folder.path)")
        }
    }

    /// Every article with its links (unchanged files come from the index).
    public func corpus() throws(QueryError) -> Corpus {
        if let heldCorpus { return heldCorpus }
        defer { lock.withLock { noteForeignIndexFile() } }
        do {
            return try index?.readCorpus(root, with: reader) ?? reader.read(root)
        } catch {
            throw .unreadableCorpus("\(error)")
        }
    }

    /// The term lookup tables: from the on-disk index when it has them for this graph, else
    /// built, and then stored so that only the first lookup after a change pays for them.
    public func terms() throws(QueryError) -> TermIndex {
        terms(of: try graph().graph)
    }

    /// The term tables of `graph`, the loaded graph.
    private func terms(of graph: KnowledgeGraph) -> TermIndex {
        lock.lock()
        defer { lock.unlock() }
        if let termIndex { return termIndex }
        let built = loaded?.terms?.load(nodeCount: graph.nodeCount) ?? {
            let made = TermIndex(graph)
            // Tables made from records that turned out damaged, or from a file written to under
            // its mapping, would be stored under the graph's build and trusted by every later
            // query: they are used for this one (which is then asked again) and never stored.
            if !graph.isDamaged && MappedFile.disturbances == disturbancesAtLoad { loaded?.terms?.save(made) }
            return made
        }()
        termIndex = built
        return built
    }

    /// Where each link of the graph is written, made from the corpus the first time it is asked for.
    public func linkOccurrences() throws(QueryError) -> LinkOccurrences {
        occurrencesLock.lock()
        defer { occurrencesLock.unlock() }
        let graph = try graph().graph
        let loaded = lock.withLock { loads }
        if let occurrences, occurrences.loads == loaded { return occurrences.made }
        let made = if let memo = heldMemo {
            LinkOccurrences(articles: memo.articles, keys: memo.keys, resolver: memo.resolver, graph: graph)
        } else {
            LinkOccurrences(corpus: try corpus(), graph: graph)
        }
        occurrences = (loaded, made)
        return made
    }

    /// The node a term names without the term tables: its slug, or the file of an article.
    public func exactNode(_ term: String) throws(QueryError) -> Int? {
        let graph = try graph().graph
        return graph.index(ofKey: TermKey.normalize(TermKey.trimSlashes(term))) ?? article(atFile: term, in: graph)
    }

    /// The article read from the file `path` names (relative to the current folder, else to the
    /// corpus), if it is one: `termgraph neighbors corpus/settlement.md`.
    private func article(atFile path: String, in graph: KnowledgeGraph) -> Int? {
        let rootPath = RealPath.of(root)
        for candidate in [URL(fileURLWithPath: path), root.appendingPathComponent(path)] {
            var status = stat()
            guard stat(candidate.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            let real = RealPath.of(candidate)
            guard RealPath.isInside(real, folder: rootPath), real != rootPath else { continue }
            let relative = String(real.dropFirst(rootPath == "/" ? 1 : rootPath.count + 1))
            return graph.nodes.indices.first { graph.nodes[$0].path == relative }
        }
        return nil
    }

    /// The node a term names: by slug first, then as an article's file, then by the term index (§3).
    public func node(_ term: String) throws(QueryError) -> Int {
        let graph = try graph().graph
        if let v = try exactNode(term) { return v }
        switch terms(of: graph).resolve(term) {
        case .found(let v): return v
        case .ambiguous(let candidates): throw .ambiguousTerm(term, candidates: candidates.map { TermSummary(graph, $0) })
        case .unknown(let suggestions): throw .unknownTerm(term, suggestions: suggestions.map { TermSummary(graph, $0) })
        }
    }

    /// The articles of a category (explicit or inferred members), by its name; else the
    /// articles whose `categories` list it (a wiki category, with or without its `Category:`).
    public func members(ofCategory name: String) throws(QueryError) -> [Int] {
        let graph = try graph().graph
        if let c = graph.categoryNames.firstIndex(of: name) { return graph.members(ofCategory: c) }
        var listed = graph.members(listing: name)
        if listed.isEmpty, let colon = name.firstIndex(of: ":") { listed = graph.members(listing: String(name[name.index(after: colon)...])) }
        guard !listed.isEmpty else { throw .unknownCategory(name, known: graph.categoryNames) }
        return listed
    }
}
