import Foundation
import TermgraphStorage

extension GraphExporters {
    /// One file to write: which format, which of its files, and where.
    public struct Target: Sendable {
        /// Where a target's bytes go: a path, or the process's standard output (`--output -`).
        public enum Destination: Sendable, Equatable {
            case file(URL)
            case standardOutput
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

        /// The path written, as it was given; nil for standard output.
        public var url: URL? {
            if case .file(let url) = destination { url } else { nil }
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
