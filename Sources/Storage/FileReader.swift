import Glibc

/// Reads whole files with plain system calls, within a size bound: never a FIFO, a device or a
/// file that keeps growing.
package struct FileReader: Sendable {
    /// Files above this many bytes are refused rather than read into memory.
    package let limit: Int

    package init(limit: Int) {
        self.limit = limit
    }

    package struct Failure: Error, CustomStringConvertible {
        package let message: String
        package var description: String { "cannot read file: \(message)" }
    }

    /// The whole file at `path`.
    package func read(_ path: String) throws(Failure) -> [UInt8] {
        try readStamped(path).bytes
    }

    /// The whole file at `path`, with the stamp of the file it was read from (taken from the
    /// open file, so it belongs to these bytes even when the path was replaced since it was
    /// last looked at).
    package func readStamped(_ path: String) throws(Failure) -> (bytes: [UInt8], stamp: FileStamp) {
        // O_NONBLOCK: a FIFO put in a file's place is refused below, never waited on.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(message: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Failure(message: "not a regular file") }
        guard info.st_size <= limit else {
            throw Failure(message: "file is larger than \(limit >> 20) MiB; an article that size is not text a person wrote")
        }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file grew while being read: keep reading, within the same bound.
                guard bytes.count < limit else { throw Failure(message: "file kept growing past \(limit >> 20) MiB") }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return (bytes, FileStamp(info))
    }
}
