import CMappingGuard
import Glibc
import Synchronization
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
        // The file stays open while it is mapped, so that a rewrite in place (which a mapping
        // shows, but which can leave every checksum right: another index written over it) is
        // seen by its changed modification time.
        keepOpen = true
        let watched = Watched(fd: fd, stamp: FileStamp(info))
        live.withLock { $0[fd] = watched }
        return ByteBuffer(owning: bytes) { bytes in
            live.withLock { _ = $0.removeValue(forKey: fd) }
            close(fd)
            termgraph_unguard_mapping(bytes.baseAddress)
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        }
    }

    private struct Watched: Sendable {
        let fd: Int32
        let stamp: FileStamp
    }

    /// The open mappings, by file descriptor, with the stamp each file had when it was mapped.
    private static let live = Mutex<[Int32: Watched]>([:])

    /// Whether a file that is mapped now has been written since it was mapped (its size,
    /// modification or change time moved): what was read from it since cannot be trusted, even
    /// where its checksums held. A file replaced by rename is not this: the mapping keeps the
    /// old file.
    package static var anyRewrittenSinceMapped: Bool {
        live.withLock { mappings in
            mappings.values.contains { watched in
                var info = stat()
                return fstat(watched.fd, &info) != 0 || FileStamp(info) != watched.stamp
            }
        }
    }

    /// How many pages of mapped files have turned out missing (their file truncated under the
    /// mapping) since the process started: whatever was read from a mapping while this grew
    /// cannot be trusted.
    package static var missingPages: Int { termgraph_missing_pages() }
}
