import Foundation

/// Writes a file so that readers only ever see the old content or the complete new content.
///
/// The bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
/// file is renamed over the target: rename is atomic within one file system. A writer killed
/// before the rename leaves its temporary file behind; the next write removes it.
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
        // A name of its own for every write (two writers in one process, or in two PID
        // namespaces, never share one), created afresh: a file or link planted under it is
        // never written through.
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError.cannotWrite(url.path, String(cString: strerror(errno))) }
        var failure = fill(fd)
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0 && rename(temporary.path, url.path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary.path)
            throw WriteError.cannotWrite(url.path, String(cString: strerror(failure)))
        }
    }
}

extension AtomicFile {
    /// Temporary files of `url` whose writing process no longer exists.
    static func removeAbandonedTemporaryFiles(for url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4)
            guard let pid = pid_t(middle.prefix { $0 != "-" }), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder.appendingPathComponent(name).path) }
        }
    }
}

package enum WriteError: Error, CustomStringConvertible {
    case cannotWrite(String, String)

    package var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}
