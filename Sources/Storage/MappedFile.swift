import Glibc
import TermgraphCore

/// Files mapped read-only into memory, whose pages are read from disk only when touched.
package enum MappedFile {
    /// The regular file at `path` as a buffer, or nil when it is missing, a link, not a regular
    /// file, or cannot be mapped. Files that are only ever replaced by rename keep the version they had.
    package static func map(_ path: String) -> ByteBuffer? {
        // Never through a link, and never waiting on a FIFO: what is not a regular file is refused.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return ByteBuffer([]) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        return ByteBuffer(owning: UnsafeRawBufferPointer(start: base, count: size)) { bytes in
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        }
    }
}
