import ArgumentParser
import Foundation
import TermgraphKit
import TermgraphStorage

extension Problem.Kind: ExpressibleByArgument {}

/// How `check` prints what it found.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, junit, github
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List corpus problems as file:line: kind: message; exit 1 if there are any.",
        discussion: """
            Problems: unreadable files, invalid UTF-8 or binary files, broken front matter, \
            a bad termgraph.yml, duplicate slugs, links that match no article (wanted links), and redirects that lead nowhere (broken redirects). \
            Files with problems are skipped; the rest of the corpus is still built. Paths are \
            relative to the current folder, as editors and compilers write them.

            Formats: text (file:line: kind: message), json, junit (JUnit XML for CI test \
            reports), github (workflow commands that annotate a pull request).

            A baseline holds problems that are known and accepted: `check --write-baseline FILE` \
            writes every current problem to FILE, and `check --baseline FILE` then lists and \
            fails on new problems only. A problem is matched by its file, kind and message, not \
            its line.
            """
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: "How to print the problems: text, json, junit or github.")
    var format: CheckFormat?

    @Option(name: .customLong("kind"), help: ArgumentHelp(
        "Only problems of this kind (repeatable): \(Problem.Kind.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "kind"))
    var kinds: [Problem.Kind] = []

    @Option(help: ArgumentHelp("Only the problems of this language's files, on a site with translations in termgraph.yml.", valueName: "lang"))
    var lang: String?

    @Option(help: ArgumentHelp("Known problems, written by --write-baseline: they are counted, not listed, and do not fail.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Write every current problem to FILE as the baseline, and exit 0.", valueName: "file"))
    var writeBaseline: String?

    func validate() throws {
        if format != nil && options.json && format != .json { throw ValidationError("--json and --format \(format!.rawValue) disagree; give one.") }
        if baseline != nil && writeBaseline != nil { throw ValidationError("--baseline and --write-baseline go separately.") }
    }

    func run() throws {
        let workspace = try options.load(warnAboutProblems: false)
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var query = CheckQuery(kinds: Set(kinds), relativeTo: here, language: lang)
        if let writeBaseline {
            let problems = try options.answer { () throws(QueryError) in try query.all(in: workspace) }
            try write(try CheckBaseline.encode(problems), to: writeBaseline)
            Output.error("wrote \(problems.count) problem\(problems.count == 1 ? "" : "s") to \(writeBaseline)")
            return
        }
        if let baseline { query.baseline = try read(baseline) }
        let answer = try options.run(query, in: workspace)
        let problems = answer.problems
        switch format ?? (options.json ? .json : .text) {
        case .json:
            try Output.json(answer)
        case .text:
            for problem in problems { Output.line(problem.description) }
            var total = problems.isEmpty ? "no problems" : "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
            if let known = answer.baselined, known > 0 { total += " (and \(known) in the baseline)" }
            Output.line(total)
        case .junit:
            Output.write(CheckReport.junit(problems, baselined: answer.baselined ?? 0), to: STDOUT_FILENO)
        case .github:
            Output.write(CheckReport.github(problems), to: STDOUT_FILENO)
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    private func read(_ path: String) throws -> CheckBaseline {
        do {
            return try CheckBaseline(json: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            Output.error("error: no baseline \(path); write one with --write-baseline \(path)")
        } catch is CocoaError {
            Output.error("error: cannot read the baseline \(path)")
        } catch {
            Output.error("error: \(path) is not a baseline written by --write-baseline (\(error.localizedDescription))")
        }
        throw ExitCode(2)
    }

    /// Written as exports are (`OutputFile`): a file replaced atomically, a device or FIFO
    /// written as it stands (a plain atomic write replaced `/dev/full` itself with a file, and
    /// said it wrote the baseline), a folder or a link to nothing refused.
    private func write(_ data: Data, to path: String) throws {
        do {
            try OutputFile.at(URL(fileURLWithPath: path)).write { fd in data.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) } }
        } catch {
            Output.error("error: cannot write the baseline \(path): \(error)")
            throw ExitCode(2)
        }
    }
}
