import TermgraphGraph

/// One export format: its name, the files it writes, and a writer that streams each file's
/// bytes to a sink. A new format is one type conforming to this, under its own folder, and one
/// entry in `GraphExporters.all`.
public protocol GraphExporter: Sendable {
    /// What `--format` calls it (`graphml`).
    var name: String { get }
    /// The files it writes (`graph.graphml`); a format of several files names them all, and
    /// they are written as one set, in the folder `folderName`.
    var fileNames: [String] { get }
    /// For a format of several files, the folder that holds the set (`neo4j`); nil for one file.
    var folderName: String? { get }
    /// The file name endings (lower case, no dot) that `--output FILE` takes to mean this format.
    var extensions: [String] { get }
    /// Hands file number `file` (of `fileNames`) to `sink` in pieces, in order, until the sink
    /// answers false; throws when the format cannot be made (a program it needs is missing).
    func write(_ graph: KnowledgeGraph, context: ExportContext, file: Int, to sink: ([UInt8]) -> Bool) throws
}

extension GraphExporter {
    public var folderName: String? { nil }

    /// File number `file` whole, for tests and small graphs.
    public func bytes(_ graph: KnowledgeGraph, context: ExportContext? = nil, file: Int = 0) throws -> [UInt8] {
        var all: [UInt8] = []
        try write(graph, context: context ?? ExportContext(graph), file: file) { all.append(contentsOf: $0); return true }
        return all
    }
}

/// Why an export could not be made, in words a user can act on.
public enum ExportError: Error, CustomStringConvertible {
    /// A program the format needs is not installed.
    case missingProgram(format: String, program: String, install: String)
    /// The program ran and failed; `message` is what it said.
    case programFailed(format: String, program: String, message: String)

    public var description: String {
        switch self {
        case let .missingProgram(format, program, install):
            "\(format) needs the `\(program)` program, which is not on PATH; \(install)"
        case let .programFailed(format, program, message):
            "\(format): `\(program)` failed: \(message)"
        }
    }
}
