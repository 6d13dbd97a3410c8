import Glibc
import TermgraphCore

/// The one walk over a folder tree: it either lists the files a rule accepts, with their stamps
/// and what it could not look at, or sums their fingerprint, stopping at the first thing it
/// would have to report. Both come from the same visit of each folder, so the list and the
/// fingerprint can never disagree about which files count.
///
/// Hidden entries (`.name`) are skipped and links to folders are not followed, so a link cycle
/// cannot trap the walk; a link to a file counts as that file. Folders of one depth are read on
/// every core, by file descriptor, without building a path string for a file it does not keep.
///
/// ```swift
/// let walker = FolderWalker(root: "corpus", extensions: [".md", ".markdown", ".txt"])
/// let listing = walker.list()          // files in byte order of their path
/// let stamp = walker.fingerprint()     // nil when the walk met a problem
/// ```
package struct FolderWalker: Sendable {
    package let root: String
    /// File names ending in one of these (lower-case ASCII, compared case-insensitively) count.
    package let extensions: [String]

    /// Whether a path (relative to the root) is left out, asked of each folder before it is
    /// entered and of each accepted file: (path, is a folder). Nothing inside a folder it leaves
    /// out is looked at.
    package typealias Exclusion = @Sendable (_ path: String, _ folder: Bool) -> Bool
    private let excluded: Exclusion?

    private let suffixes: [[UInt8]]

    package init(root: String, extensions: [String], excluded: Exclusion? = nil) {
        self.root = root
        self.extensions = extensions
        self.excluded = excluded
        self.suffixes = extensions.map { Array($0.utf8) }
    }

    /// Something the walk could not look at, by path relative to the root (`.` for the root).
    package struct Issue: Sendable, Equatable {
        package enum Kind: Sendable, Equatable {
            /// A folder that cannot be opened, with the `errno`.
            case folderUnreadable(Int32)
            /// A link, with an accepted name, that points nowhere.
            case danglingLink
            /// A link, with an accepted name, that leads back to itself through links.
            case linkLoop
            /// An accepted name that is a FIFO, a device or a socket, or a link to one: never opened.
            case notRegular
            /// An entry that cannot be looked at (`stat` fails), with the `errno`.
            case unreadable(Int32)
            /// A folder, or a file with an accepted ending, whose name is not UTF-8: a path that
            /// cannot be named. Its path shows each byte that is not UTF-8 as `\xNN`.
            case nameNotUTF8
        }

        package var path: String
        package var kind: Kind

        package init(path: String, kind: Kind) {
            self.path = path
            self.kind = kind
        }
    }

    package struct Listing: Sendable {
        /// The accepted files, in byte order of their path.
        package var files: [FoundFile]
        /// What could not be looked at, in byte order of the path.
        package var issues: [Issue]
        /// Every folder the walk entered, by the bytes of its path relative to the root (none
        /// for the root), with its inode: as bytes, since two names Swift compares as equal
        /// strings (é precomposed or not) are two folders on Linux; with the inode, since a
        /// folder put in the place of another of the same name is another folder.
        package var folders: [[UInt8]: UInt64] = [[]: 0]
        /// Whether an accepted file is a symbolic link: its stamp is its target's, which may
        /// change in a folder that saw no change of its own.
        package var holdsLinks = false

        package init(files: [FoundFile], issues: [Issue], folders: [[UInt8]: UInt64] = [[]: 0], holdsLinks: Bool = false) {
            (self.files, self.issues, self.folders, self.holdsLinks) = (files, issues, folders, holdsLinks)
        }
    }

    /// Every accepted file below the root.
    package func list() -> Listing {
        var listing = Listing(files: [], issues: [])
        walk(collecting: true) { visit in
            listing.files += visit.files
            listing.issues += visit.issues
            for (folder, inode) in zip(visit.folders, visit.inodes) { listing.folders[folder] = inode }
            listing.holdsLinks = listing.holdsLinks || visit.holdsLinks
            return true
        }
        listing.files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        listing.issues.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return listing
    }

    /// The listing `list()` would give now, when only the folders in `changed` (the bytes of
    /// paths relative to the root, none for the root) can hold entries added, removed or changed
    /// since `earlier` was listed: those folders are read again, a folder new in one of them (or
    /// another folder in the place of one) is walked whole, and one gone from one takes
    /// everything under it along. Every other folder's files are
    /// taken from `earlier` as they were. A server knows the changed folders from inotify.
    ///
    /// Nil when only a whole walk can tell: `earlier` or a folder read again has issues (an
    /// unreadable folder is reported by the folder that holds it, whose entries may not be read
    /// again), a changed folder cannot be opened any more, or a file is a symbolic link (its
    /// target may have changed anywhere).
    package func relist(_ earlier: Listing, changed: Set<[UInt8]>) -> Listing? {
        guard earlier.issues.isEmpty, !earlier.holdsLinks else { return nil }
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return nil }
        defer { close(rootFD) }
        let slash = UInt8(ascii: "/")
        func parent<C: BidirectionalCollection<UInt8>>(_ path: C) -> C.SubSequence { path[..<(path.lastIndex(of: slash) ?? path.startIndex)] }
        func isWithin(_ path: [UInt8], _ folder: [UInt8]) -> Bool {
            path.starts(with: folder) && (path.count == folder.count || path[folder.count] == slash)
        }
        var folders = earlier.folders
        // The folders whose files `earlier` held and the new listing holds afresh.
        var replaced = Set<[UInt8]>()
        var files: [FoundFile] = []
        // Outermost first: a folder gone from its parent is not read itself.
        for folder in changed.sorted(by: { $0.lexicographicallyPrecedes($1) }) where folders[folder] != nil && !replaced.contains(folder) {
            let visit = visit(folder, root: rootFD, collecting: true)
            guard visit.issues.isEmpty, !visit.holdsLinks else { return nil }
            replaced.insert(folder)
            files += visit.files
            let now = Dictionary(zip(visit.folders, visit.inodes), uniquingKeysWith: { a, _ in a })
            let before = folders.filter { !$0.key.isEmpty && parent($0.key).elementsEqual(folder) }
            // A subfolder gone, or another one in its place (a folder moved over it): everything
            // `earlier` held under it goes, and what is there now is walked whole.
            for (gone, inode) in before where now[gone] != inode {
                for inside in folders.keys where isWithin(inside, gone) {
                    folders[inside] = nil
                    replaced.insert(inside)
                }
            }
            var level = now.filter { before[$0.key] != $0.value }.map(\.key)
            for (path, inode) in now where before[path] != inode { folders[path] = inode }
            while !level.isEmpty {
                let visits = Parallel.map(level, chunk: 1) { self.visit($0, root: rootFD, collecting: true) }
                var next: [[UInt8]] = []
                for (path, visit) in zip(level, visits) {
                    guard visit.issues.isEmpty, !visit.holdsLinks else { return nil }
                    replaced.insert(path)
                    files += visit.files
                    for (inside, inode) in zip(visit.folders, visit.inodes) {
                        folders[inside] = inode
                        next.append(inside)
                    }
                }
                level = next
            }
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let kept = earlier.files.filter { !replaced.contains(Array(parent($0.path.utf8))) }
        // Both lists are in path order: merged, not sorted again.
        var merged: [FoundFile] = []
        merged.reserveCapacity(kept.count + files.count)
        var (i, j) = (0, 0)
        while i < kept.count || j < files.count {
            if j == files.count || (i < kept.count && kept[i].path.utf8.lexicographicallyPrecedes(files[j].path.utf8)) {
                merged.append(kept[i])
                i += 1
            } else {
                merged.append(files[j])
                j += 1
            }
        }
        return Listing(files: merged, issues: [], folders: folders, holdsLinks: false)
    }

    /// The fingerprint of every accepted file below the root, as `FolderFingerprint(list().files)`
    /// gives it; nil when the walk meets anything `list()` would report as an issue, which only
    /// the listing describes.
    package func fingerprint() -> FolderFingerprint? {
        var total = FolderFingerprint()
        let complete = walk(collecting: false) { visit in
            guard visit.issues.isEmpty else { return false }
            total.add(visit.fingerprint)
            return true
        }
        return complete ? total : nil
    }

    /// What one folder held.
    private struct Visit: Sendable {
        var fingerprint = FolderFingerprint()
        var files: [FoundFile] = []
        var issues: [Issue] = []
        var folders: [[UInt8]] = []
        /// The inode of each of `folders`.
        var inodes: [UInt64] = []
        var holdsLinks = false
    }

    /// Visits the tree a depth at a time, handing each folder's visit to `take` in order;
    /// `take` returns false to stop. Returns whether the walk ran to its end.
    @discardableResult
    private func walk(collecting: Bool, _ take: (Visit) -> Bool) -> Bool {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else {
            return take(Visit(issues: [Issue(path: ".", kind: .folderUnreadable(errno))]))
        }
        defer { close(rootFD) }
        var level: [[UInt8]] = [[]]
        while !level.isEmpty {
            let visits = Parallel.map(level, chunk: 1) { visit($0, root: rootFD, collecting: collecting) }
            level = []
            for visit in visits {
                guard take(visit) else { return false }
                level += visit.folders
            }
        }
        return true
    }

    /// One folder's accepted files and subfolders; `folder` is relative to the root.
    private func visit(_ folder: [UInt8], root: Int32, collecting: Bool) -> Visit {
        var result = Visit()
        let fd = folder.isEmpty ? dup(root) : (folder + [0]).withUnsafeBufferPointer {
            openat(root, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0, let dir = fdopendir(fd) else {
            let failure = errno
            if fd >= 0 { close(fd) }
            result.issues.append(Issue(path: folder.isEmpty ? "." : String(decoding: folder, as: UTF8.self), kind: .folderUnreadable(failure)))
            return result
        }
        defer { closedir(dir) }
        var path = folder.isEmpty ? [] : folder + [UInt8(ascii: "/")]
        let prefix = path.count
        while let entry = readdir(dir) {
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let name = UnsafeRawBufferPointer(rebasing: raw[..<(raw.firstIndex(of: 0) ?? raw.count)])
                path.removeSubrange(prefix...)
                path.append(contentsOf: name)
                var type = entry.pointee.d_type
                guard let accepted = judge(name) else {
                    // Hidden names are skipped; a name that is not UTF-8 is reported when it
                    // would have counted: a folder, or a file with an accepted ending.
                    if name.first != UInt8(ascii: "."), String(validating: name, as: UTF8.self) == nil,
                       type == UInt8(DT_DIR) || suffixes.contains(where: { endsWith(name, $0) }) {
                        result.issues.append(Issue(path: Self.escaped(path), kind: .nameNotUTF8))
                    }
                    return
                }
                if type == UInt8(DT_DIR) {
                    if let excluded, excluded(String(decoding: path, as: UTF8.self), true) { return }
                    result.folders.append(path)
                    result.inodes.append(UInt64(entry.pointee.d_ino))
                    return
                }
                guard accepted || type == UInt8(DT_UNKNOWN) else { return }
                let cName = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                var info = stat()
                guard fstatat(dirfd(dir), cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    // Gone since it was listed: nothing to report. Anything else (a folder that can
                    // be listed but not entered) would lose the file without a word.
                    if errno != ENOENT { result.issues.append(Issue(path: String(decoding: path, as: UTF8.self), kind: .unreadable(errno))) }
                    return
                }
                type = UInt8(truncatingIfNeeded: (info.st_mode & S_IFMT) >> 12)
                if type == UInt8(DT_DIR) {
                    if let excluded, excluded(String(decoding: path, as: UTF8.self), true) { return }
                    result.folders.append(path)
                    result.inodes.append(UInt64(info.st_ino))
                    return
                }
                guard accepted else { return }
                if let excluded, excluded(String(decoding: path, as: UTF8.self), false) { return }
                if type == UInt8(DT_LNK) {
                    guard fstatat(dirfd(dir), cName, &info, 0) == 0 else {
                        result.issues.append(Issue(path: String(decoding: path, as: UTF8.self), kind: errno == ELOOP ? .linkLoop : .danglingLink))
                        return
                    }
                    // A link to a folder is not followed; one to a FIFO or a device is reported
                    // as that FIFO or device itself would be, never dropped without a word.
                    let target = info.st_mode & S_IFMT
                    if target == S_IFDIR { return }
                    guard target == S_IFREG else {
                        result.issues.append(Issue(path: String(decoding: path, as: UTF8.self), kind: .notRegular))
                        return
                    }
                    result.holdsLinks = true
                } else if type != UInt8(DT_REG) {
                    result.issues.append(Issue(path: String(decoding: path, as: UTF8.self), kind: .notRegular))
                    return
                }
                if collecting {
                    result.files.append(FoundFile(path: String(decoding: path, as: UTF8.self), stamp: FileStamp(info)))
                } else {
                    path.withUnsafeBytes { result.fingerprint.add(path: $0, stamp: FileStamp(info)) }
                }
            }
        }
        return result
    }

    /// Whether an entry's name is accepted (true), a possible folder only (false), or skipped
    /// altogether (nil: hidden, or not UTF-8).
    ///
    /// An ASCII name is judged by its bytes. Anything else is judged on the decoded string, as
    /// Swift compares strings: a dot followed by a combining mark is not hidden, and K (Kelvin)
    /// lowercases to k.
    private func judge(_ name: UnsafeRawBufferPointer) -> Bool? {
        if name.allSatisfy({ $0 < 0x80 }) {
            if name.first == UInt8(ascii: ".") { return nil }
            return suffixes.contains { endsWith(name, $0) }
        }
        let decoded = String(decoding: name, as: UTF8.self)
        guard decoded.utf8.elementsEqual(name), !decoded.hasPrefix(".") else { return nil }
        let lower = decoded.lowercased()
        return extensions.contains { lower.hasSuffix($0) }
    }

    /// A path as text, each byte that is not part of valid UTF-8 shown as `\xNN`.
    static func escaped(_ path: [UInt8]) -> String {
        var text = ""
        var i = 0
        while i < path.count {
            // The character starting here (1 to 4 bytes), or one byte that starts none, escaped.
            if let length = (1...min(4, path.count - i)).first(where: { String(validating: path[i..<(i + $0)], as: UTF8.self) != nil }) {
                text += String(decoding: path[i..<(i + length)], as: UTF8.self)
                i += length
            } else {
                text += "\\x" + String(path[i], radix: 16, uppercase: true).leftPadded(to: 2)
                i += 1
            }
        }
        return text
    }

    /// Whether the ASCII `name` ends in `suffix` (lower-case), in any case.
    private func endsWith(_ name: UnsafeRawBufferPointer, _ suffix: [UInt8]) -> Bool {
        guard name.count >= suffix.count else { return false }
        let start = name.count - suffix.count
        for i in suffix.indices where lower(name[start + i]) != suffix[i] { return false }
        return true
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
