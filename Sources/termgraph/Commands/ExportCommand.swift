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
        abstract: "Write the graph, or part of it, as GraphML, DOT, JSON, GEXF, Neo4j CSV, SKOS or SVG.",
        discussion: """
            Examples:
              termgraph export                        # every format but svg and graphml-yed, into exports/
              termgraph export --format all           # all of them (svg needs Graphviz's dot)
              termgraph export --format json --output - | jq .
              termgraph export --format svg --around تسوية --depth 2 --output settlement.svg
              termgraph export --format neo4j --category back --out-dir out   # out/neo4j/{nodes,links}.csv, import.cypher

            Files: graph.graphml, graph.yed.graphml (graphml-yed), graph.dot, graph.json, graph.gexf, \
            neo4j/ (nodes.csv, links.csv, import.cypher), graph.ttl (skos), graph.svg. \
            Each file is written to a temporary file beside it and renamed into place, so an \
            interrupted export never leaves a partial file; neo4j/ is written as one folder, \
            complete or not at all. A symbolic link is followed and the file it leads to is \
            replaced in its own folder; a device or FIFO (/dev/null, a named pipe) is written as \
            it stands, never replaced; a folder, a socket or a link to nothing is refused. \
            Nothing is written inside the corpus folder without --force.
            """
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: ArgumentHelp("\(ExportFormatName.allValueStrings.joined(separator: ", ")). Default: from the --output extension, else every format but svg and graphml-yed.",
                               valueName: "format"))
    var format: ExportFormatName?

    @Option(help: ArgumentHelp("Write one format to this file (for neo4j: this folder); - writes it to standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Folder for graph.<ext> files.", valueName: "dir"))
    var outDir = "exports"

    @Flag(name: .customLong("no-stubs"), help: "Leave out wanted terms (stubs) and the links to them.")
    var noStubs = false

    @Option(help: ArgumentHelp("Export only the terms within --depth links of this term (either direction).", valueName: "term"), completion: TermCompletion.kind)
    var around: String?

    @Option(help: ArgumentHelp("With --around: how many links away (default 1).", valueName: "n"))
    var depth: Int?

    @Option(help: ArgumentHelp("Export only this category's articles (inferred members too) and the wanted terms they link to.", valueName: "name"))
    var category: String?

    @Flag(help: "Write even where a target lies inside the corpus folder, over what is there.")
    var force = false

    func validate() throws {
        let chosen = format.flatMap { GraphExporters.named($0.name) }
        if output == "-" && (format == nil || format?.isAll == true) {
            throw ValidationError("--output - writes one format to standard output; add --format graphml, json, … .")
        }
        if output == "-" && chosen?.folderName != nil { throw ValidationError("--format \(format!.name) writes several files; use --out-dir or --output DIR.") }
        if output != nil && format?.isAll == true { throw ValidationError("--output takes one format; use --out-dir with --format all.") }
        if let output, format == nil, GraphExporters.forFile(output) == nil {
            throw ValidationError("Cannot tell the format from \"\(output)\"; add --format graphml, dot, json, gexf, skos, svg or neo4j.")
        }
        if depth != nil && around == nil { throw ValidationError("--depth goes with --around TERM.") }
        if let depth, depth < 0 { throw ValidationError("--depth must be 0 or more.") }
    }

    func run() throws {
        let targets = chosenTargets()
        if !force { try refuseTargetsInsideTheCorpus(targets) }
        let workspace = try options.load()
        // An export of a damaged graph is never put in place (nor sent to a stream), so when
        // the graph turns out damaged the export is simply made again from the rebuilt index.
        let (graph, failures) = try options.answer {
            try workspace.trusted { () throws(QueryError) in
                let built = try workspace.graph()
                let full = built.graph
                var part = full
                if let around { part = part.subgraph(keeping: full.within(depth ?? 1, linksOf: try workspace.node(around))) }
                if let category {
                    guard let c = full.categoryNames.firstIndex(of: category) else { throw .unknownCategory(category, known: full.categoryNames) }
                    part = part.subgraph(keeping: part.inCategory(c))
                }
                let graph = noStubs ? part.withoutStubs() : part
                // Leaving nodes out decoded every node, into a graph that no longer knows where
                // they came from: damage found there is repaired before a byte is written.
                if full.isDamaged { return (graph, [(any Error)?]()) }
                let settings = ExportSettings(site: built.config.site, iri: built.config.iri, corpusFolder: workspace.root,
                                              hubs: built.config.categories.map(\.hub))
                return (graph, GraphExporters.write(graph, to: targets, settings: settings))
            }
        }
        for notice in workspace.notices { Output.error(notice) }
        var failed = false
        for (target, failure) in zip(targets, failures) {
            if let failure {
                Output.error("error: \(failure)")
                failed = true
                continue
            }
            // Standard output carries the export and nothing else.
            if !options.json, let url = target.url {
                let name = target.format.folderName != nil ? url.relativePath + "/" : url.relativePath
                Output.line("wrote \(name) (\(graph.nodeCount) nodes, \(graph.edgeCount) edges)")
            }
        }
        if failed { throw ExitCode(2) }
    }

    /// The files (or standard output) the options name.
    private func chosenTargets() -> [GraphExporters.Target] {
        if let output {
            let chosen = format.flatMap { GraphExporters.named($0.name) } ?? GraphExporters.forFile(output)!
            let destination: GraphExporters.Target.Destination =
                output == "-" ? .standardOutput : chosen.folderName != nil ? .folder(URL(fileURLWithPath: output)) : .file(URL(fileURLWithPath: output))
            return [GraphExporters.Target(format: chosen, destination: destination)]
        }
        let formats = format.map { $0.isAll ? GraphExporters.all : [GraphExporters.named($0.name)!] } ?? GraphExporters.standard
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
