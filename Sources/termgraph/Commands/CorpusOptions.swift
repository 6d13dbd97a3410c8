import ArgumentParser
import Foundation
import TermgraphCorpus
import TermgraphKit

/// The options every command shares: which corpus, and whether to answer in JSON.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The corpus folder. Default: the nearest folder from here upwards with a termgraph.yml, .obsidian/ or .foam/; else ./corpus; else the current folder.",
        valueName: "dir"))
    var corpus: String?

    /// The default corpus of §1, when none is named.
    var defaultCorpus: DefaultCorpus? {
        corpus == nil ? DefaultCorpus.find(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) : nil
    }

    /// The corpus folder: the one named, else the default of §1.
    var corpusFolder: URL { corpusFolder(default: defaultCorpus) }

    private func corpusFolder(default found: DefaultCorpus?) -> URL {
        found?.folder ?? URL(fileURLWithPath: corpus ?? ".")
    }

    @Option(name: .long, help: ArgumentHelp("Leave out the paths this gitignore-style glob matches, as termgraph.yml's exclude does (repeatable).",
                                            valueName: "glob"))
    var exclude: [String] = []

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Flag(name: .customLong("no-cache"), help: "Read every article again; neither use nor update the on-disk index.")
    var noCache = false

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Where the on-disk index lives. Default: $XDG_CACHE_HOME/termgraph/<corpus hash> (else ~/.cache).", valueName: "dir"))
    var cacheDir: String?

    /// The corpus, with a progress bar on a terminal for large ones.
    func workspace() -> Workspace {
        workspace(at: corpusFolder)
    }

    private func workspace(at root: URL) -> Workspace {
        var progress: (@Sendable (Int, Int) -> Void)?
        if let bar = ProgressBar.forTerminal() { progress = { done, total in bar.update(done: done, total: total) } }
        return Workspace(root: root, cacheFolder: cacheDir.map { URL(fileURLWithPath: $0) },
                         useIndex: !noCache, exclude: exclude, progress: progress)
    }

    /// The corpus's workspace with its graph loaded. Problems other than wanted links are summed
    /// up on stderr so that queries stay quiet.
    func load(warnAboutProblems: Bool = true) throws -> Workspace {
        let found = defaultCorpus
        let workspace = workspace(at: corpusFolder(default: found))
        let built = try answer { try workspace.graph() }
        let noArticles = built.graph.nodes.indices.allSatisfy(built.graph.nodes.isStub)
        if noArticles, let warning = UnreadFiles(root: workspace.root, config: built.config).warning {
            Output.error("warning: \(warning)")
        }
        if let found, noArticles {
            let message = "no articles in \(found.folder.path) (\(found.reason); \(DefaultCorpus.searched)); name the corpus with --corpus DIR"
            Output.queryError(.unreadableCorpus(message), json: json)
            throw ExitCode(2)
        }
        // Wanted links are kept apart from the others, and never counted here.
        let serious = built.problems.listed.filter { $0.kind != Problem.Kind.wantedLink }.count
        if serious > 0 && warnAboutProblems {
            Output.error("warning: \(serious) problem\(serious == 1 ? "" : "s") in the corpus; run `termgraph check` to list them")
        }
        return workspace
    }

    /// The answer of `query`, with any notice about how it was found on stderr.
    func run<Q: Query>(_ query: Q, in workspace: Workspace) throws -> Q.Answer {
        defer { for notice in workspace.notices { Output.error(notice) } }
        return try answer { try query.run(in: workspace) }
    }

    /// The answer of `query`, or the reason it has none printed (on stderr, or as JSON on stdout
    /// with `--json`) and the command ended with exit code 2.
    func answer<T>(_ query: () throws -> T) throws -> T {
        do {
            return try query()
        } catch let failure as QueryError {
            Output.queryError(failure, json: json)
            throw ExitCode(2)
        }
    }
}
