import Foundation

/// The temporary files of atomic writes, `.NAME.<pid>-<random>.tmp` beside `NAME`, and how a
/// killed writer's are told from a live writer's.
///
/// A writer holds `flock(LOCK_EX)` on its temporary file from the moment it exists until it
/// has been renamed into place. The kernel releases the lock when the writer dies, however it
/// dies, so a lock that can be taken proves the writer is gone. Whether the process number in
/// the name is alive proves nothing: writers in other PID namespaces (containers sharing a
/// folder) have numbers that mean other processes here, or none.
extension AtomicFile {
    /// A new temporary file beside `url`, open for writing and locked, and its path.
    ///
    /// Created afresh under a name of its own (two writers in one process, or in two PID
    /// namespaces, never share one), never through a link planted under that name.
    static func createLockedTemporaryFile(for url: URL) throws -> (fd: Int32, path: String) {
        for _ in 0..<8 {
            let path = temporaryPath(for: url)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw WriteError.cannotWrite(url.path, String(cString: strerror(errno))) }
            // On a file system without locks this fails, and no cleaner can lock there either:
            // the file is then never taken for abandoned.
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
            // In the instant between open and flock a cleaner could take the file for
            // abandoned and remove it; the lock is then on a file that has no name, and the
            // write starts again under a new one.
            if names(fd, path) { return (fd, path) }
            close(fd)
        }
        throw WriteError.cannotWrite(url.path, "its temporary file was removed as soon as it was made, again and again")
    }

    /// A new name `.NAME.<pid>-<random>.tmp` beside `url`.
    static func temporaryPath(for url: URL) -> String {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp").path
    }

    /// Removes the temporary files of `url` whose writers are gone: each must be a regular file
    /// of this user's whose lock can be taken, and still the file under that name once locked.
    static func removeAbandonedTemporaryFiles(for url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where isTemporaryName(name, prefix: prefix) {
            let path = folder.appendingPathComponent(name).path
            // Never through a link, never waiting on a FIFO.
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
                  flock(fd, LOCK_EX | LOCK_NB) == 0, Self.names(fd, path) else { continue }
            unlink(path)
        }
    }

    /// Whether `path` still names the file open as `fd` (not removed, not replaced since).
    static func names(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        return fstat(fd, &open) == 0 && lstat(path, &named) == 0 && open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    /// `prefix` (`.NAME.`), a process number, `-`, a base-36 number, `.tmp`: exactly, so that the
    /// temporaries of `NAME.old` (which also start `.NAME.`) are never taken for `NAME`'s.
    static func isTemporaryName(_ name: String, prefix: String) -> Bool {
        guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { return false }
        let middle = name.utf8.dropFirst(prefix.utf8.count).dropLast(4)
        guard let dash = middle.firstIndex(of: UInt8(ascii: "-")) else { return false }
        let pid = middle[..<dash], random = middle[middle.index(after: dash)...]
        return !pid.isEmpty && pid.allSatisfy { (0x30...0x39).contains($0) }
            && !random.isEmpty && random.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }
}
