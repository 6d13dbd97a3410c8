import ArgumentParser
import Corpus
import Foundation
import Graph

/// The options every command shares: which corpus, and whether to answer in JSON.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The corpus folder.", valueName: "dir"))
    var corpus: String = "corpus"

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Flag(name: .customLong("no-cache"), help: "Read every article again; neither use nor update the on-disk index.")
    var noCache = false

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Where the on-disk index lives. Default: $XDG_CACHE_HOME/termgraph/<corpus hash> (else ~/.cache).", valueName: "dir"))
    var cacheDir: String?

    private var root: URL { URL(fileURLWithPath: corpus) }

    /// A reader that draws a progress bar on a terminal for large corpora.
    private var reader: CorpusReader {
        guard let bar = ProgressBar.forTerminal() else { return CorpusReader() }
        return CorpusReader(progress: { done, total in bar.update(done: done, total: total) })
    }

    private var index: CorpusIndex? {
        if noCache { return nil }
        return CorpusIndex(folder: cacheDir.map { URL(fileURLWithPath: $0) } ?? CorpusIndex.defaultFolder(for: root))
    }

    /// The corpus's graph, from the index when no file changed; an unreadable corpus ends the
    /// command with exit code 2. Problems other than wanted links are summed up on stderr so
    /// that queries stay quiet.
    func load() throws -> CorpusGraph {
        let built: CorpusGraph
        do {
            built = try reader.readGraph(root, index: index)
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
        let serious = built.problems.filter { $0.kind != .wantedLink }.count
        if serious > 0 {
            Output.error("warning: \(serious) problem\(serious == 1 ? "" : "s") in the corpus; run `termgraph check` to list them")
        }
        return built
    }

    /// Every article with its links (unchanged files come from the index).
    func loadCorpus() throws -> Corpus {
        do {
            return try reader.read(root, index: index)
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
    }
}

/// Resolves terms from the command line to nodes, or ends the command with exit code 2.
/// A term that is exactly a slug needs no index; the term index is built once, only if needed.
func resolveTerms(_ terms: [String], in built: CorpusGraph) throws -> [Int] {
    let graph = built.graph
    var index: TermIndex?
    return try terms.map { term in
        if let v = graph.index(ofKey: TermKey.normalize(TermKey.trimSlashes(term))) { return v }
        if index == nil { index = built.terms() }
        switch index!.resolve(term) {
        case .found(let v):
            return v
        case .ambiguous(let candidates):
            Output.error("error: \"\(term)\" is ambiguous; it could be:")
            for v in candidates { Output.error("  \(graph.nodes[v].slug)\t\(graph.nodes[v].title)") }
            throw ExitCode(2)
        case .unknown(let suggestions):
            Output.error("error: no term \"\(term)\"")
            if !suggestions.isEmpty {
                Output.error("did you mean:")
                for v in suggestions { Output.error("  \(graph.nodes[v].slug)\t\(graph.nodes[v].title)") }
            }
            throw ExitCode(2)
        }
    }
}
