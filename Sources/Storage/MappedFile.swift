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
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return ByteBuffer([]) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        let bytes = UnsafeRawBufferPointer(start: base, count: size)
        // A file truncated under the mapping (rewritten in place by another program) would end
        // the process with SIGBUS on the first missing page; guarded, that page reads as zeros,
        // which fail the index's checksums, and `missingPages` says it happened.
        guard termgraph_guard_mapping(base, size) == 0 else {
            // More mappings than the guard can watch: this one is copied instead.
            defer { munmap(base, size) }
            return ByteBuffer(Array(bytes))
        }
        return ByteBuffer(owning: bytes) { bytes in
            termgraph_unguard_mapping(bytes.baseAddress)
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        }
    }

    /// How many pages of mapped files have turned out missing (their file truncated under the
    /// mapping) since the process started: whatever was read from a mapping while this grew
    /// cannot be trusted.
    package static var missingPages: Int { termgraph_missing_pages() }
}
