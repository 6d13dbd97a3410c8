import Foundation

/// Writes a folder of files as one set: readers see the old set or the complete new one, never a
/// mix (`neo4j/nodes.csv` of one export with `neo4j/links.csv` of another).
///
/// The files are written into a temporary folder beside the target, `.NAME.<pid>-<random>.tmp`,
/// flushed, and the folder is swapped with the old one in one step (`renameat2` with
/// `RENAME_EXCHANGE`) or, where the system cannot swap, the old folder is renamed aside and the
/// new one renamed into place: for that instant the set is absent, never partial. The old set
/// is then removed. A folder that holds anything but the set's own files is never replaced.
///
/// ```swift
/// try AtomicFolder.write(to: URL(fileURLWithPath: "exports/neo4j"), files: ["nodes.csv", "links.csv"]) { file, fd in … }
/// ```
package enum AtomicFolder {
    /// Writes file number `i` of `files` with `fill(i, fd)` (0, or the `errno` of a failed
    /// write) into a new folder that then replaces `url`.
    package static func write(to url: URL, files: [String], _ fill: (Int, Int32) -> Int32) throws {
        let target = try resolvedTarget(url, files: files)
        let parent = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        removeAbandonedTemporaryFolders(for: target, files: files)
        let (lock, temporary) = try createLockedTemporaryFolder(for: target)
        defer { close(lock) }
        var failure: Int32 = 0
        for (i, name) in files.enumerated() where failure == 0 {
            let fd = openat(lock, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else { failure = errno; break }
            failure = fill(i, fd)
            if failure == 0 && fsync(fd) != 0 { failure = errno }
            close(fd)
        }
        if failure == 0 && fsync(lock) != 0 { failure = errno }
        if failure == 0 { failure = replace(target, with: temporary, files: files) }
        if failure != 0 {
            removeSet(temporary, files: files)
            throw WriteError.cannotWrite(target.path, String(cString: strerror(failure)))
        }
    }

    /// Where the set goes: `url`, or the folder a link there leads to; refused when something
    /// other than a folder of the set's own files stands there.
    private static func resolvedTarget(_ url: URL, files: [String]) throws -> URL {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return url }
        var folder = url
        if info.st_mode & S_IFMT == S_IFLNK {
            guard stat(url.path, &info) == 0, let real = realpath(url.path, nil) else {
                throw WriteError.notAFile(url.path, kind: "a symbolic link to nothing")
            }
            folder = URL(fileURLWithPath: String(cString: real))
            free(real)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw WriteError.cannotWrite(url.path, "it is not a folder; a set of files is written as a folder")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let foreign = names.filter { !files.contains($0) }.sorted()
        guard foreign.isEmpty else {
            throw WriteError.cannotWrite(url.path, "it holds files this export does not write (\(foreign.joined(separator: ", "))); nothing was written")
        }
        return folder
    }

    /// Puts the folder `temporary` where `target` is: swapped in one step, or renamed into place
    /// after the old folder is moved aside. Returns 0 or the `errno`.
    private static func replace(_ target: URL, with temporary: String, files: [String]) -> Int32 {
        if rename(temporary, target.path) == 0 { return 0 }
        guard errno == EEXIST || errno == ENOTEMPTY else { return errno }
        if let exchange = renameExchange, exchange(AT_FDCWD, temporary, AT_FDCWD, target.path, UInt32(1) /* RENAME_EXCHANGE */) == 0 {
            removeSet(temporary, files: files)  // the old set, now under the temporary name
            return 0
        }
        let aside = AtomicFile.temporaryPath(for: target)
        guard rename(target.path, aside) == 0 else { return errno }
        guard rename(temporary, target.path) == 0 else {
            let failure = errno
            rename(aside, target.path)
            return failure
        }
        removeSet(aside, files: files)
        return 0
    }

    /// glibc's `renameat2`, which Swift's Glibc module does not declare; nil where the C library
    /// has none.
    private static let renameExchange: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

    /// A new temporary folder beside `target`, open and locked (`flock` on the folder, held until
    /// the set is in place, so that no cleaner takes it for a killed writer's), and its path.
    private static func createLockedTemporaryFolder(for target: URL) throws -> (fd: Int32, path: String) {
        for _ in 0..<8 {
            let path = AtomicFile.temporaryPath(for: target)
            guard mkdir(path, 0o755) == 0 else { throw WriteError.cannotWrite(target.path, String(cString: strerror(errno))) }
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw WriteError.cannotWrite(target.path, String(cString: strerror(errno))) }
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
            if AtomicFile.names(fd, path) { return (fd, path) }
            close(fd)
        }
        throw WriteError.cannotWrite(target.path, "its temporary folder was removed as soon as it was made, again and again")
    }

    /// Removes the temporary folders of `target` left by writers that are gone: this user's
    /// folders whose lock can be taken, holding only the set's files.
    private static func removeAbandonedTemporaryFolders(for target: URL, files: [String]) {
        let parent = target.deletingLastPathComponent()
        let prefix = ".\(target.lastPathComponent)."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in entries where AtomicFile.isTemporaryName(name, prefix: prefix) {
            let path = parent.appendingPathComponent(name).path
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_uid == geteuid(), flock(fd, LOCK_EX | LOCK_NB) == 0, AtomicFile.names(fd, path) else { continue }
            removeSet(path, files: files)
        }
    }

    /// Removes the set's files from the folder at `path`, then the folder if that emptied it.
    private static func removeSet(_ path: String, files: [String]) {
        for name in files { unlink(path + "/" + name) }
        rmdir(path)
    }
}
