import Foundation
import TermgraphCore
import TermgraphGraph
import TermgraphStorage

/// Every export format, and writing them to files.
///
/// ```swift
/// try GraphExporters.write(graph, formats: [GraphMLExporter()], to: URL(fileURLWithPath: "exports"))
/// ```
public enum GraphExporters {
    /// The formats, in the order `all` writes them.
    public static let all: [any GraphExporter] = [
        GraphMLExporter(), GraphMLExporter(yEd: true), DOTExporter(), JSONExporter(), GEXFExporter(), Neo4jExporter(),
        SKOSExporter(), SVGExporter(),
    ]

    /// What `export` writes when no format is named: every format that needs no other program
    /// and whose time grows with the graph's size alone (the SVG's layout grows faster).
    public static let standard: [any GraphExporter] = all.filter { !($0 is SVGExporter) && $0.name != "graphml-yed" }

    /// The format called `name`.
    public static func named(_ name: String) -> (any GraphExporter)? {
        all.first { $0.name == name }
    }

    /// The format a file's name ending says, if any says one.
    public static func forFile(_ path: String) -> (any GraphExporter)? {
        let ending = URL(fileURLWithPath: path).pathExtension.lowercased()
        return all.first { $0.extensions.contains(ending) }
    }

    /// The files `formats` write into `folder`: one target per file, and one per set of files
    /// (its folder).
    public static func targets(_ formats: [any GraphExporter], in folder: URL) -> [Target] {
        formats.flatMap { format -> [Target] in
            if let set = format.folderName { return [Target(format: format, destination: .folder(folder.appendingPathComponent(set)))] }
            return format.fileNames.indices.map { Target(format: format, file: $0, url: folder.appendingPathComponent(format.fileNames[$0])) }
        }
    }

    /// Writes every target, each on its own thread (the writers only read the graph). A file is
    /// replaced atomically, whole or not at all; a set of files as one folder, complete or not
    /// at all; a device, a FIFO or standard output is written as it stands (see `OutputFile`).
    /// Returns, per target, nil or the error.
    public static func write(_ graph: KnowledgeGraph, to targets: [Target], settings: ExportSettings = ExportSettings(),
                             ids: NodeIdentifiers? = nil) -> [(any Error)?] {
        let shared = ExportContext(graph, settings: settings, ids: ids)
        return Parallel.map(targets, chunk: 1) { target -> (any Error)? in
            var context = shared
            context.outputFolder = target.outputFolder
            do {
                if case .folder(let url) = target.destination {
                    try writeSet(graph, format: target.format, context: context, to: url)
                } else {
                    try writeFile(graph, target: target, context: context)
                }
                return nil
            } catch {
                return error
            }
        }
    }

    /// Writes `formats` into `folder`; throws the first failure.
    public static func write(_ graph: KnowledgeGraph, formats: [any GraphExporter], to folder: URL,
                             settings: ExportSettings = ExportSettings()) throws {
        if let failure = write(graph, to: targets(formats, in: folder), settings: settings).compactMap({ $0 }).first { throw failure }
    }

    private static func writeFile(_ graph: KnowledgeGraph, target: Target, context: ExportContext) throws {
        let disturbances = MappedFile.disturbances
        let output: OutputFile = switch target.destination {
        case .file(let url): try OutputFile.at(url)
        default: .standardOutput
        }
        // Bytes sent to a device or a pipe cannot be taken back: a graph that decodes index
        // records on demand is read through once first, so that damage is found before
        // anything is sent.
        if output.isStream && graph.decodesOnDemand {
            try target.format.write(graph, context: context, file: target.file) { _ in true }
            if graph.isDamaged || MappedFile.disturbances != disturbances {
                throw WriteError.cannotWrite(target.url?.path ?? "standard output", String(cString: strerror(EIO)))
            }
        }
        var thrown: (any Error)?
        do {
            try output.write { fd in
                let failure = fill(fd, graph, format: target.format, context: context, file: target.file, thrown: &thrown)
                return failure != 0 ? failure : damaged(graph, since: disturbances) ? EIO : 0
            }
        } catch {
            throw thrown ?? error
        }
    }

    private static func writeSet(_ graph: KnowledgeGraph, format: any GraphExporter, context: ExportContext, to url: URL) throws {
        let disturbances = MappedFile.disturbances
        var thrown: (any Error)?
        do {
            try AtomicFolder.write(to: url, files: format.fileNames) { file, fd in
                let failure = fill(fd, graph, format: format, context: context, file: file, thrown: &thrown)
                // The last file is the set's last chance to say the graph was damaged.
                return failure != 0 ? failure : file == format.fileNames.count - 1 && damaged(graph, since: disturbances) ? EIO : 0
            }
        } catch {
            throw thrown ?? error
        }
    }

    /// Writes one file of `format` to `fd`: 0, or the `errno` that stopped it (EIO when the
    /// writer threw, with the error in `thrown`).
    private static func fill(_ fd: Int32, _ graph: KnowledgeGraph, format: any GraphExporter, context: ExportContext, file: Int,
                             thrown: inout (any Error)?) -> Int32 {
        var failure: Int32 = 0
        do {
            try format.write(graph, context: context, file: file) { piece in
                failure = piece.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) }
                return failure == 0
            }
        } catch {
            thrown = error
            return EIO
        }
        return failure
    }

    /// A graph whose index records turned out damaged, or whose index file was written to or
    /// cut short under its mapping, is never put in place.
    private static func damaged(_ graph: KnowledgeGraph, since disturbances: Int) -> Bool {
        graph.isDamaged || MappedFile.disturbances != disturbances
    }
}
