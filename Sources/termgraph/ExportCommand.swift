import ArgumentParser
import Export
import Foundation
import Graph
import Storage

/// The export formats, each with its file extension.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case graphml, dot, all

    static let concrete: [ExportFormat] = [.graphml, .dot]

    /// Writes the graph in this format to `url`, atomically, as it is made.
    func write(_ graph: KnowledgeGraph, ids: NodeIdentifiers, to url: URL) throws {
        try AtomicFile.write(to: url) { fd in
            var failure: Int32 = 0
            let sink = { (piece: [UInt8]) in
                if failure == 0 { failure = piece.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) } }
            }
            switch self {
            case .graphml: GraphMLWriter(graph, ids: ids).write(to: sink)
            case .dot: DOTWriter(graph, ids: ids).write(to: sink)
            case .all: break
            }
            return failure
        }
    }
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

    @Option(help: "graphml, dot, or all. Default: from the --output extension, else all.")
    var format: ExportFormat?

    @Option(help: ArgumentHelp("Write one format to this file.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Folder for graph.<ext> files.", valueName: "dir"))
    var outDir = "exports"

    @Flag(name: .customLong("no-stubs"), help: "Leave out wanted terms (stubs) and the links to them.")
    var noStubs = false

    func validate() throws {
        if output != nil && format == .all { throw ValidationError("--output takes one format; use --out-dir with --format all.") }
        if let output, format == nil, resolvedFormat(for: output) == nil {
            throw ValidationError("Cannot tell the format from \"\(output)\"; add --format graphml or --format dot.")
        }
    }

    private func resolvedFormat(for file: String) -> ExportFormat? {
        switch URL(fileURLWithPath: file).pathExtension.lowercased() {
        case "graphml", "xml": return .graphml
        case "dot", "gv": return .dot
        default: return nil
        }
    }

    func run() throws {
        var graph = try options.load().graph
        if noStubs { graph = graph.withoutStubs() }
        var targets: [(ExportFormat, URL)] = []
        if let output {
            targets = [(format ?? resolvedFormat(for: output)!, URL(fileURLWithPath: output))]
        } else {
            let formats = (format ?? .all) == .all ? ExportFormat.concrete : [format!]
            targets = formats.map { ($0, URL(fileURLWithPath: outDir).appendingPathComponent("graph.\($0.rawValue)")) }
        }
        // Each format is written on its own thread (the writers only read the graph), so that
        // writing both takes about as long as writing the slower one.
        let exported = graph
        let ids = NodeIdentifiers(graph)
        let failures = Parallel.map(targets, chunk: 1) { format, url -> String? in
            do {
                try format.write(exported, ids: ids, to: url)
                return nil
            } catch {
                return "\(error)"
            }
        }
        for ((_, url), failure) in zip(targets, failures) {
            if let failure {
                Output.error("error: \(failure)")
                throw ExitCode(2)
            }
            if !options.json { Output.line("wrote \(url.relativePath) (\(graph.nodeCount) nodes, \(graph.edgeCount) edges)") }
        }
    }
}
