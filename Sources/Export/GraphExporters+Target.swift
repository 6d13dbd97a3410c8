import Foundation
import TermgraphStorage

extension GraphExporters {
    /// One file (or one set of files) to write: which format, which of its files, and where.
    public struct Target: Sendable {
        /// Where a target's bytes go: a path, the process's standard output (`--output -`), or
        /// for a format of several files the folder that holds them.
        public enum Destination: Sendable, Equatable {
            case file(URL)
            case standardOutput
            case folder(URL)
        }

        public var format: any GraphExporter
        public var file: Int
        public var destination: Destination

        public init(format: any GraphExporter, file: Int = 0, destination: Destination) {
            self.format = format
            self.file = file
            self.destination = destination
        }

        public init(format: any GraphExporter, file: Int = 0, url: URL) {
            self.init(format: format, file: file, destination: .file(url))
        }

        /// The path written (a file, or a set's folder), as it was given; nil for standard output.
        public var url: URL? {
            switch destination {
            case .file(let url), .folder(let url): url
            case .standardOutput: nil
            }
        }

        /// The folder links in the file are relative to; nil (the current folder) for standard output.
        var outputFolder: URL? {
            switch destination {
            case .file(let url): url.deletingLastPathComponent()
            case .folder(let url): url
            case .standardOutput: nil
            }
        }

        /// Whether the file this target writes lies in `folder` or below it, judged by real
        /// paths: links on the way, and a link at the target itself, are followed, so that no
        /// spelling of a path into `folder` escapes the check.
        public func lies(inside folder: URL) -> Bool {
            guard let url else { return false }
            return RealPath.isInside(RealPath.of(url), folder: RealPath.of(folder))
        }
    }
}
