import ArgumentParser
import Foundation
import TermgraphKit

/// `--format`: a format of the exporter registry, or `all`.
struct ExportFormatName: ExpressibleByArgument, Equatable {
    let name: String

    init?(argument: String) {
        guard argument == "all" || GraphExporters.named(argument) != nil else { return nil }
        name = argument
    }

    static var allValueStrings: [String] { GraphExporters.all.map(\.name) + ["all"] }

    var isAll: Bool { name == "all" }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the graph as GraphML and/or DOT.",
        discussion: """
            Examples:
              termgraph export                        # exports/graph.graphml and exports/graph.dot
              termgraph export --format dot --output glossary.dot
              termgraph export --format dot --output - | dot -Tsvg:cairo > graph.svg
              termgraph export --out-dir out --no-stubs

            Each file is written to a temporary file beside it and renamed into place, so an \
            interrupted export never leaves a partial file. A symbolic link is followed and the \
            file it leads to is replaced in its own folder; a device or FIFO (/dev/null, a named \
            pipe) is written as it stands, never replaced; a folder, a socket or a link to \
            nothing is refused. Nothing is written inside the corpus folder without --force. \
            Render DOT with Arabic labels using Graphviz's cairo renderer: \
            dot -Tsvg:cairo exports/graph.dot > graph.svg
            """
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: ArgumentHelp("\(ExportFormatName.allValueStrings.joined(separator: ", ")). Default: from the --output extension, else all.",
                               valueName: "format"))
    var format: ExportFormatName?

    @Option(help: ArgumentHelp("Write one format to this file; - writes it to standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Folder for graph.<ext> files.", valueName: "dir"))
    var outDir = "exports"

    @Flag(name: .customLong("no-stubs"), help: "Leave out wanted terms (stubs) and the links to them.")
    var noStubs = false

    @Flag(help: "Write even where a target lies inside the corpus folder, over what is there.")
    var force = false

    func validate() throws {
        if output == "-" && (format == nil || format?.isAll == true) {
            throw ValidationError("--output - writes one format to standard output; add --format graphml or --format dot.")
        }
        if output != nil && format?.isAll == true { throw ValidationError("--output takes one format; use --out-dir with --format all.") }
        if let output, format == nil, GraphExporters.forFile(output) == nil {
            throw ValidationError("Cannot tell the format from \"\(output)\"; add --format graphml or --format dot.")
        }
    }

    func run() throws {
        let targets = chosenTargets()
        if !force { try refuseTargetsInsideTheCorpus(targets) }
        let workspace = try options.load()
        // An export of a damaged graph is never put in place (nor sent to a stream), so when
        // the graph turns out damaged the export is simply made again from the rebuilt index.
        let (graph, failures) = try options.answer {
            try workspace.trusted { () throws(QueryError) in
                let full = try workspace.graph().graph
                let graph = noStubs ? full.withoutStubs() : full
                // Leaving the stubs out decoded every node, into a graph that no longer knows
                // where they came from: damage found there is repaired before a byte is written.
                if full.isDamaged { return (graph, [(any Error)?]()) }
                return (graph, GraphExporters.write(graph, to: targets))
            }
        }
        for notice in workspace.notices { Output.error(notice) }
        for (target, failure) in zip(targets, failures) {
            if let failure {
                Output.error("error: \(failure)")
                throw ExitCode(2)
            }
            // Standard output carries the export and nothing else.
            if !options.json, let url = target.url { Output.line("wrote \(url.relativePath) (\(graph.nodeCount) nodes, \(graph.edgeCount) edges)") }
        }
    }

    /// The files (or standard output) the options name.
    private func chosenTargets() -> [GraphExporters.Target] {
        if let output {
            let chosen = format.flatMap { GraphExporters.named($0.name) } ?? GraphExporters.forFile(output)!
            return [GraphExporters.Target(format: chosen, destination: output == "-" ? .standardOutput : .file(URL(fileURLWithPath: output)))]
        }
        let formats = format.flatMap { GraphExporters.named($0.name) }.map { [$0] } ?? GraphExporters.all
        return GraphExporters.targets(formats, in: URL(fileURLWithPath: outDir))
    }

    /// An export never overwrites articles by accident: a target that lies inside the corpus
    /// folder (links followed) is refused, before the corpus is read, unless --force is given.
    private func refuseTargetsInsideTheCorpus(_ targets: [GraphExporters.Target]) throws {
        let corpus = options.corpusFolder
        let inside = targets.compactMap { target in target.lies(inside: corpus) ? target.url : nil }
        guard !inside.isEmpty else { return }
        for url in inside {
            Output.error("error: \(url.relativePath) is inside the corpus folder \(corpus.relativePath); add --force to write it there")
        }
        throw ExitCode(2)
    }
}
