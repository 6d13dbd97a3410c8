import ArgumentParser
import Export
import Foundation
import Graph
import Storage

/// The export formats, each with its file extension.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case graphml, dot, all

    static let concrete: [ExportFormat] = [.graphml, .dot]

    /// The file's bytes, in pieces to be written one after the other.
    func pieces(_ graph: KnowledgeGraph) -> [[UInt8]] {
        switch self {
        case .graphml: return GraphMLWriter(graph).pieces()
        case .dot: return [DOTWriter(graph).bytes()]
        case .all: return []
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
        let outputs = Self.pieces(of: targets.map(\.0), graph)
        for ((_, url), pieces) in zip(targets, outputs) {
            do {
                try AtomicFile.write(pieces, to: url)
            } catch {
                Output.error("error: \(error)")
                throw ExitCode(2)
            }
            if !options.json { Output.line("wrote \(url.relativePath) (\(graph.nodeCount) nodes, \(graph.edgeCount) edges)") }
        }
    }

    /// Each format's pieces, made on its own thread (the writers only read the graph), so that
    /// writing both formats takes about as long as writing the slower one.
    private static func pieces(of formats: [ExportFormat], _ graph: KnowledgeGraph) -> [[[UInt8]]] {
        Parallel.map(formats, chunk: 1) { $0.pieces(graph) }
    }
}
