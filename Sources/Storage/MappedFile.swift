import CMappingGuard
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
        var keepOpen = false
        defer { if !keepOpen { close(fd) } }
        // A mapping shows whatever another program writes into the file after it was mapped,
        // where checksums already held; a read lease says when that can happen. Taken before the
        // size is read: what was written before it is all there to be checked. A file that
        // takes no lease (open for writing now, another user's, a file system without leases)
        // is read into memory instead, and its checksums are checked on that copy.
        let watched = termgraph_watch_for_writers(fd) == 0
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return ByteBuffer([]) }
        guard watched else { return copy(fd, size: size) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        let bytes = UnsafeRawBufferPointer(start: base, count: size)
        // A file truncated under the mapping would end the process with SIGBUS on the first
        // missing page; guarded, that page reads as zeros, which fail the index's checksums.
        guard termgraph_guard_mapping(base, size) == 0 else {
            // More mappings than the guard can watch: this one is copied instead.
            defer { munmap(base, size) }
            return ByteBuffer(Array(bytes))
        }
        // The file stays open while it is mapped: closing it would give the lease back.
        keepOpen = true
        return ByteBuffer(owning: bytes) { bytes in
            close(fd)
            termgraph_unguard_mapping(bytes.baseAddress)
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        }
    }

    /// The first `size` bytes of the open file, read into memory; nil when it cannot be read.
    /// A file cut short meanwhile gives fewer bytes, which fail the index's checks.
    private static func copy(_ fd: Int32, size: Int) -> ByteBuffer? {
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, size - filled, off_t(filled)) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(size - filled)
        return ByteBuffer(bytes)
    }

    /// How many times, since the process started, a mapped file was found opened for writing
    /// (rewritten in place by `cp`, `rsync --inplace`, an editor) or cut short under its
    /// mapping: whatever was read from a mapping while this grew cannot be trusted, even where
    /// its checksums held. A file replaced by rename is not this: the mapping keeps the old file.
    package static var disturbances: Int { termgraph_writers_seen() + termgraph_missing_pages() }
}
