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
              termgraph export --out-dir out --no-stubs

            Each file is written to a temporary file beside it and renamed into place, so an \
            interrupted export never leaves a partial file. Render DOT with Arabic labels using \
            Graphviz's cairo renderer: dot -Tsvg:cairo exports/graph.dot > graph.svg
            """
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: ArgumentHelp("\(ExportFormatName.allValueStrings.joined(separator: ", ")). Default: from the --output extension, else all.",
                               valueName: "format"))
    var format: ExportFormatName?

    @Option(help: ArgumentHelp("Write one format to this file.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Folder for graph.<ext> files.", valueName: "dir"))
    var outDir = "exports"

    @Flag(name: .customLong("no-stubs"), help: "Leave out wanted terms (stubs) and the links to them.")
    var noStubs = false

    func validate() throws {
        if output != nil && format?.isAll == true { throw ValidationError("--output takes one format; use --out-dir with --format all.") }
        if let output, format == nil, GraphExporters.forFile(output) == nil {
            throw ValidationError("Cannot tell the format from \"\(output)\"; add --format graphml or --format dot.")
        }
    }

    func run() throws {
        let workspace = try options.load()
        var graph = try options.answer { try workspace.graph() }.graph
        if noStubs { graph = graph.withoutStubs() }
        let targets: [GraphExporters.Target]
        if let output {
            let chosen = format.flatMap { GraphExporters.named($0.name) } ?? GraphExporters.forFile(output)!
            targets = [GraphExporters.Target(format: chosen, url: URL(fileURLWithPath: output))]
        } else {
            let formats = format.flatMap { GraphExporters.named($0.name) }.map { [$0] } ?? GraphExporters.all
            targets = GraphExporters.targets(formats, in: URL(fileURLWithPath: outDir))
        }
        var failures = GraphExporters.write(graph, to: targets)
        if try options.answer({ try workspace.repairIfDamaged() }) {
            graph = try options.answer { try workspace.graph() }.graph
            if noStubs { graph = graph.withoutStubs() }
            failures = GraphExporters.write(graph, to: targets)
        }
        for notice in workspace.notices { Output.error(notice) }
        for (target, failure) in zip(targets, failures) {
            if let failure {
                Output.error("error: \(failure)")
                throw ExitCode(2)
            }
            if !options.json { Output.line("wrote \(target.url.relativePath) (\(graph.nodeCount) nodes, \(graph.edgeCount) edges)") }
        }
    }
}
