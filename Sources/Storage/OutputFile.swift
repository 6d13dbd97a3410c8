import Foundation

/// Where bytes meant for a path go, decided by what stands there: a regular file, or nothing
/// yet, is replaced atomically; a character device or a FIFO (`/dev/null`, a named pipe) is
/// written as it stands and never replaced by a file; a symbolic link is followed, and what it
/// leads to is treated the same way; anything else (a folder, a socket, a block device, a link
/// to nothing) is refused before a byte is written.
///
/// ```swift
/// try OutputFile.at(URL(fileURLWithPath: "/dev/null")).write { fd in AtomicFile.writeAll(bytes, to: fd) }
/// ```
package enum OutputFile: Equatable, Sendable {
    /// A regular file or nothing yet, replaced whole through a temporary file in its own folder.
    /// For a link, the file the link leads to, in that file's folder: the link stays a link.
    case replace(URL)
    /// A character device or a FIFO, opened for writing as it is: no temporary, no truncation.
    case stream(URL)
    /// The process's standard output.
    case standardOutput

    /// How bytes meant for `url` are written.
    package static func at(_ url: URL) throws -> OutputFile {
        let path = url.path
        var info = stat()
        // Nothing there yet, or the path cannot be looked at: the atomic write creates the
        // file or says why it cannot.
        guard lstat(path, &info) == 0 else { return .replace(url) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .replace(url)
        case S_IFCHR, S_IFIFO:
            return .stream(url)
        case S_IFLNK:
            var target = stat()
            guard stat(path, &target) == 0 else {
                // A link to nothing is not followed: creating whatever it names would let
                // anyone who can plant a link choose where a file appears.
                if errno == ENOENT { throw WriteError.notAFile(path, kind: "a symbolic link to nothing") }
                throw WriteError.cannotWrite(path, String(cString: strerror(errno)))
            }
            switch target.st_mode & S_IFMT {
            case S_IFREG:
                // A link to the very file standard output is open on (`/dev/stdout` or
                // `/dev/fd/1` with output redirected to a file) means standard output: written
                // through the open descriptor it keeps `>>`'s appending, where replacing the
                // file would drop what it held.
                var output = stat()
                if fstat(STDOUT_FILENO, &output) == 0 && output.st_dev == target.st_dev && output.st_ino == target.st_ino {
                    return .standardOutput
                }
                guard let real = realpath(path, nil) else { throw WriteError.cannotWrite(path, String(cString: strerror(errno))) }
                defer { free(real) }
                return .replace(URL(fileURLWithPath: String(cString: real)))
            case S_IFCHR, S_IFIFO:
                return .stream(url)
            default:
                throw WriteError.notAFile(path, kind: "a symbolic link to \(kind(target.st_mode))")
            }
        default:
            throw WriteError.notAFile(path, kind: kind(info.st_mode))
        }
    }

    /// Whether bytes reach the destination as they are written, so that they cannot be taken
    /// back: a device, a FIFO, standard output.
    package var isStream: Bool {
        if case .replace = self { false } else { true }
    }

    /// Writes whatever `fill` writes to the open file it is given; `fill` returns 0, or the
    /// `errno` of a failed write.
    package func write(_ fill: (Int32) -> Int32) throws {
        switch self {
        case .replace(let url):
            try AtomicFile.write(to: url, fill)
        case .stream(let url):
            // No O_CREAT, no O_TRUNC: written as it stands. O_NOCTTY: a terminal opened here
            // never becomes the process's controlling terminal.
            let fd = open(url.path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { throw WriteError.cannotWrite(url.path, String(cString: strerror(errno))) }
            defer { close(fd) }
            // Something swapped in since it was looked at is not written through: a regular
            // file opened this way would be overwritten in place, not replaced.
            var info = stat()
            guard fstat(fd, &info) == 0, [S_IFCHR, S_IFIFO].contains(info.st_mode & S_IFMT) else {
                throw WriteError.cannotWrite(url.path, "it was replaced while being opened")
            }
            let failure = fill(fd)
            guard failure == 0 else { throw WriteError.cannotWrite(url.path, String(cString: strerror(failure))) }
        case .standardOutput:
            let failure = fill(STDOUT_FILENO)
            guard failure == 0 else { throw WriteError.cannotWrite("standard output", String(cString: strerror(failure))) }
        }
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFSOCK: "a socket"
        case S_IFBLK: "a block device"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}
