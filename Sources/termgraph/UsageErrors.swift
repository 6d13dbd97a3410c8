import ArgumentParser
import TermgraphCore
import TermgraphKit

/// How a command line that cannot be parsed is answered: the usage message on stderr, or, with
/// `--json`, the JSON error answer of §4a on stdout; and for a mistyped command name, the
/// commands it may have meant (ArgumentParser already does this for options).
enum UsageErrors {
    /// The commands within two edits of `word`, nearest first, when `word` (the first argument)
    /// is not a command or an option.
    static func unknownCommand(in arguments: [String]) -> (word: String, nearest: [String])? {
        guard let word = arguments.first, !word.hasPrefix("-") else { return nil }
        let names = Termgraph.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(word) else { return nil }
        let typed = Array(word.lowercased().unicodeScalars)
        let nearest = names
            .map { (name: $0, distance: editDistance(typed, Array($0.unicodeScalars), limit: 2)) }
            .filter { $0.distance <= 2 || $0.name.hasPrefix(word.lowercased()) }
            .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .map(\.name)
        return (word, nearest)
    }

    /// The message for an unknown command.
    static func message(unknown word: String, nearest: [String]) -> String {
        let hint = nearest.isEmpty ? "" : " Did you mean " + nearest.map { "'\($0)'" }.joined(separator: " or ") + "?"
        return "Unknown command '\(word)'.\(hint)"
    }

    /// Says `message` as a usage error: the text (with its usage lines) on stderr and, when
    /// `--json` was asked for, the error answer on stdout too, as for any query's error. The
    /// caller exits with code 2.
    static func report(_ message: String, usage: String, arguments: [String]) {
        if arguments.contains("--json") { try? Output.json(ErrorAnswer(.badParameter(message))) }
        Output.error(lines: "Error: \(message)\n" + usage)
    }
}
