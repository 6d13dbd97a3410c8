import Foundation
import Glibc
import Synchronization
import TermgraphCorpus
import TermgraphStorage

/// Tells the live corpus when anything under the corpus folder changes: inotify watches on
/// every folder (hidden ones skipped, as the walk skips them), added as folders appear. When
/// the system's watch limit is reached it says so on stderr and falls back to comparing the
/// folder's fingerprint (the index's own walk) every few seconds.
final class CorpusWatcher: Sendable {
    private let root: URL
    private let changed: @Sendable () -> Void
    /// The inotify descriptor and the folder each watch stands for; nil once polling.
    private let state: Mutex<(fd: Int32, folders: [Int32: String])?>
    /// The folders events were seen in since the live corpus last took them, by the bytes of
    /// their paths relative to the root (two names Swift compares as equal strings are two
    /// folders); nil when they are not known (events were lost, or the folder is polled), and
    /// the next update must walk everything.
    private let changedFolders = Mutex<Set<[UInt8]>?>(nil)
    static let pollSeconds = 2.0
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY
                                     | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    init(root: URL, changed: @escaping @Sendable () -> Void) {
        self.root = root
        self.changed = changed
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        state = Mutex(fd >= 0 ? (fd, [:]) : nil)
    }

    /// Whether changes are watched (false: the folder is polled).
    var isWatching: Bool { state.withLock { $0 != nil } }

    /// Watches the tree and starts the thread that reads events (or polls).
    func start() {
        let began = state.withLock { state -> Bool in
            guard state != nil else { return false }
            if !addWatches(under: root.path, into: &state) { fallBack(&state) }
            return true
        }
        if !began {
            FileHandle.standardError.write(Data("termgraph serve: cannot watch \(root.path) for changes; polling it every \(Int(Self.pollSeconds)) s\n".utf8))
        }
        let thread = Thread { [self] in isWatching ? readEvents() : poll() }
        thread.name = "termgraph watch"
        thread.start()
    }

    /// Reads whatever events are queued without blocking, and reports a change when there was
    /// one; true if so. A command line asks the server this before trusting its answer, so that
    /// a file saved a moment ago is never answered from the graph before it.
    func drain() -> Bool {
        let any = state.withLock { state in state != nil && readQueued(&state) }
        if any { changed() }
        return any
    }

    private func readEvents() {
        while let fd = state.withLock({ $0?.fd }) {
            var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&pollfd, 1, 1000) >= 0 || errno == EINTR else { break }
            let any = state.withLock { state in state != nil && readQueued(&state) }
            if any { changed() }
        }
        poll()
    }

    /// The folders events were seen in since the last call, which alone can hold changed entries;
    /// nil when only a walk of everything can tell. Events still queued are left to the thread
    /// that reads them: it counts each change (`changed`), so that a command line's question is
    /// never answered from a graph made before a change that was read but not yet counted.
    func takeChangedFolders() -> Set<[UInt8]>? {
        state.withLock { state in
            changedFolders.withLock { changed in
                let taken = state == nil ? nil : changed
                changed = state == nil ? nil : []
                return taken
            }
        }
    }

    /// Notes that an event happened in `folder` (an absolute path under the root), or in a
    /// folder not known (nil): then everything must be walked.
    private func noteEvent(in folder: String?) {
        changedFolders.withLock { changed in
            let root = self.root.path
            guard let folder, folder == root || folder.utf8.starts(with: (root + "/").utf8) else {
                changed = nil
                return
            }
            changed?.insert(Array(folder.utf8.dropFirst(min(root.utf8.count + 1, folder.utf8.count))))
        }
    }

    /// Reads the queued events, watching new folders; true when there were any.
    private func readQueued(_ state: inout (fd: Int32, folders: [Int32: String])?) -> Bool {
        guard let fd = state?.fd else { return false }
        var any = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (wd, mask, nameLength) = buffer.withUnsafeBytes { raw in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(nameStart + nameLength, count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset = nameStart + nameLength
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // Events were lost, among them perhaps a folder's making: the next update walks
                    // everything, and every folder is watched again (a watch that stands is kept).
                    noteEvent(in: nil)
                    if !addWatches(under: root.path, into: &state) { fallBack(&state) }
                    any = true
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    state?.folders[wd] = nil
                    continue
                }
                guard !name.hasPrefix(".") else { continue }
                any = true
                let folder = state?.folders[wd]
                noteEvent(in: folder)
                // A watched folder itself deleted or moved: its parent saw it go too.
                if name.isEmpty, let folder, let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) { noteEvent(in: String(folder[..<slash])) }
                if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
                   let folder = state?.folders[wd] {
                    if !addWatches(under: folder + "/" + name, into: &state) { fallBack(&state) }
                }
            }
        }
        return any
    }

    /// Adds a watch on `folder` and every folder below it; false when the watch limit is hit.
    private func addWatches(under folder: String, into state: inout (fd: Int32, folders: [Int32: String])?) -> Bool {
        guard let fd = state?.fd else { return false }
        let wd = inotify_add_watch(fd, folder, Self.mask)
        if wd < 0 { return errno != ENOSPC && errno != ENOMEM }
        state?.folders[wd] = folder
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return true }
        for name in entries.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { continue }
            if !addWatches(under: path, into: &state) { return false }
        }
        return true
    }

    private func fallBack(_ state: inout (fd: Int32, folders: [Int32: String])?) {
        if let fd = state?.fd { close(fd) }
        state = nil
        FileHandle.standardError.write(Data("termgraph serve: the system's limit of inotify watches is reached (fs.inotify.max_user_watches); checking \(root.path) for changes every \(Int(Self.pollSeconds)) s instead\n".utf8))
    }

    /// Compares the folder's fingerprint every few seconds: the walk the index makes anyway.
    private func poll() {
        var last = fingerprint()
        while true {
            Thread.sleep(forTimeInterval: Self.pollSeconds)
            let now = fingerprint()
            if now != last { changed() }
            last = now
        }
    }

    private func fingerprint() -> FolderFingerprint? {
        guard let configuration = try? CorpusReader().readConfiguration(root) else { return nil }
        return CorpusReader.walker(root: root, config: configuration.config).fingerprint()
    }
}
