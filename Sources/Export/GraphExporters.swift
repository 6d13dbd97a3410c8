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
    public static let all: [any GraphExporter] = [GraphMLExporter(), DOTExporter()]

    /// The format called `name`.
    public static func named(_ name: String) -> (any GraphExporter)? {
        all.first { $0.name == name }
    }

    /// The format a file's name ending says, if any says one.
    public static func forFile(_ path: String) -> (any GraphExporter)? {
        let ending = URL(fileURLWithPath: path).pathExtension.lowercased()
        return all.first { $0.extensions.contains(ending) }
    }

    /// The files `formats` write into `folder`.
    public static func targets(_ formats: [any GraphExporter], in folder: URL) -> [Target] {
        formats.flatMap { format in
            format.fileNames.indices.map { Target(format: format, file: $0, url: folder.appendingPathComponent(format.fileNames[$0])) }
        }
    }

    /// Writes every target, each on its own thread (the writers only read the graph). A file is
    /// replaced atomically, whole or not at all; a device, a FIFO or standard output is written
    /// as it stands (see `OutputFile`). Returns, per target, nil or the error.
    public static func write(_ graph: KnowledgeGraph, to targets: [Target], ids: NodeIdentifiers? = nil) -> [(any Error)?] {
        let ids = ids ?? NodeIdentifiers(graph)
        return Parallel.map(targets, chunk: 1) { target -> (any Error)? in
            do {
                let missingPages = MappedFile.missingPages
                let output: OutputFile = switch target.destination {
                case .file(let url): try OutputFile.at(url)
                case .standardOutput: .standardOutput
                }
                // Bytes sent to a device or a pipe cannot be taken back: a graph that decodes
                // index records on demand is read through once first, so that damage is found
                // before anything is sent.
                if output.isStream && graph.decodesOnDemand {
                    target.format.write(graph, ids: ids, file: target.file) { _ in true }
                    if graph.isDamaged || MappedFile.missingPages != missingPages {
                        throw WriteError.cannotWrite(target.url?.path ?? "standard output", String(cString: strerror(EIO)))
                    }
                }
                try output.write { fd in
                    var failure: Int32 = 0
                    target.format.write(graph, ids: ids, file: target.file) { piece in
                        failure = piece.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) }
                        return failure == 0
                    }
                    // A graph whose index records turned out damaged, or whose index file was cut
                    // short under its mapping, is never put in place.
                    let damaged = graph.isDamaged || MappedFile.missingPages != missingPages
                    return failure != 0 ? failure : damaged ? EIO : 0
                }
                return nil
            } catch {
                return error
            }
        }
    }

    /// Writes `formats` into `folder`; throws the first failure.
    public static func write(_ graph: KnowledgeGraph, formats: [any GraphExporter], to folder: URL) throws {
        if let failure = write(graph, to: targets(formats, in: folder)).compactMap({ $0 }).first { throw failure }
    }
}
