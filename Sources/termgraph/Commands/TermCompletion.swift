import ArgumentParser
import Foundation
import TermgraphKit

/// Shell completion of term arguments: the slugs and titles of the corpus that start with what
/// has been typed, found by the same search as `terms` (so Arabic folds as it does there). The
/// corpus is the one the command line names with `--corpus` (else the default of §1), read
/// through its on-disk index; a corpus that cannot be read completes nothing. bash splits
/// candidates at spaces, so there only names without white space (slugs, one-word titles) are
/// offered; zsh and fish take each line whole.
enum TermCompletion {
    static let kind = CompletionKind.custom { words, _, prefix in candidates(words: words, prefix: prefix) }

    /// The most candidates offered at once.
    static let limit = 200

    static func candidates(words: [String], prefix: String) -> [String] {
        var arguments: [String] = []
        for option in ["--corpus", "--cache-dir"] {
            if let i = words.firstIndex(of: option), i + 1 < words.count { arguments += [option, words[i + 1]] }
        }
        guard let options = try? CorpusOptions.parse(arguments) else { return [] }
        let workspace = options.workspace()
        guard let graph = try? workspace.graph().graph else { return [] }
        guard !prefix.isEmpty else { return graph.nodes.indices.prefix(limit).map { graph.nodes[$0].slug } }
        guard let answer = try? TermsQuery(query: prefix, limit: limit).answer(in: workspace) else { return [] }
        let wholeLines = ProcessInfo.processInfo.environment["SAP_SHELL"] != "bash"
        var seen = Set<String>(), names: [String] = []
        for entry in answer.terms {
            for name in [entry.slug, entry.title, entry.matched]
            where name.hasPrefix(prefix) && (wholeLines || !name.contains(where: \.isWhitespace)) && seen.insert(name).inserted {
                names.append(name)
            }
        }
        return names
    }
}
