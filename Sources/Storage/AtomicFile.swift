import Foundation

/// Writes a file so that readers only ever see the old content or the complete new content.
///
/// The bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
/// file is renamed over the target: rename is atomic within one file system. A writer killed
/// before the rename leaves its temporary file behind; the next write removes it
/// (`AtomicFile+Temporaries.swift` says how it tells a killed writer from a live one).
package enum AtomicFile {
    package static func write(_ bytes: [UInt8], to url: URL) throws {
        try write(to: url) { fd in bytes.withUnsafeBytes { writeAll($0, to: fd) } }
    }

    /// Writes all of `raw` to `fd`, retrying short and interrupted writes: 0, or the `errno`.
    package static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        var offset = 0
        while offset < raw.count {
            let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Writes whatever `fill` writes to the open file it is given, as it goes: a large file
    /// need not be in memory whole. `fill` returns 0, or the `errno` of a failed write.
    ///
    /// With a `signature`, a file already at `url` is replaced only when it is a regular file
    /// that starts with those bytes (one this writer made); anything else there is left as it
    /// is and `WriteError.notOwnFile` thrown. It is checked as late as it can be, just before
    /// the rename.
    package static func write(to url: URL, replacingOnlyFilesStartingWith signature: [UInt8]? = nil, _ fill: (Int32) -> Int32) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        removeAbandonedTemporaryFiles(for: url)
        let (fd, temporary) = try createLockedTemporaryFile(for: url)
        var failure = fill(fd)
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        let foreign = failure == 0 && signature.map { !isAbsentOrStarts(with: $0, at: url) } == true
        // Renamed while the lock is still held: once it is released, a cleaner may take the
        // temporary file for abandoned.
        if failure == 0 && !foreign && rename(temporary, url.path) != 0 { failure = errno }
        if failure != 0 || foreign { unlink(temporary) }
        close(fd)
        if foreign { throw WriteError.notOwnFile(url.path) }
        guard failure == 0 else { throw WriteError.cannotWrite(url.path, String(cString: strerror(failure))) }
    }

    /// Whether nothing stands at `url`, or a regular file (not a link, not a FIFO) that is empty
    /// (it holds nothing to lose: a write cut short before its first byte) or whose first bytes
    /// are `signature`.
    package static func isAbsentOrStarts(with signature: [UInt8], at url: URL) -> Bool {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return errno == ENOENT }
        guard info.st_mode & S_IFMT == S_IFREG else { return false }
        if info.st_size == 0 { return true }
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: signature.count)
        var filled = 0
        while filled < head.count {
            let n = head.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            filled += n
        }
        return filled == head.count && head == signature
    }
}
