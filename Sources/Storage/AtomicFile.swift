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
    package static func write(to url: URL, _ fill: (Int32) -> Int32) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        removeAbandonedTemporaryFiles(for: url)
        let (fd, temporary) = try createLockedTemporaryFile(for: url)
        var failure = fill(fd)
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        // Renamed while the lock is still held: once it is released, a cleaner may take the
        // temporary file for abandoned.
        if failure == 0 && rename(temporary, url.path) != 0 { failure = errno }
        if failure != 0 { unlink(temporary) }
        close(fd)
        guard failure == 0 else { throw WriteError.cannotWrite(url.path, String(cString: strerror(failure))) }
    }
}
