import Glibc

/// A file's version as a walk sees it: if none of these changed, neither did the content.
/// The change time catches edits that restore the modification time; the inode, replacements.
package struct FileStamp: Sendable, Equatable {
    package var size: Int
    package var modified: Int
    package var changed: Int
    package var inode: Int

    package init(_ info: stat) {
        size = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)
        changed = Int(info.st_ctim.tv_sec) &* 1_000_000_000 &+ Int(info.st_ctim.tv_nsec)
        inode = Int(info.st_ino)
    }

    package init(size: Int, modified: Int, changed: Int, inode: Int) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }
}

/// A file found by the folder walk: its path relative to the root, `/`-separated, and its stamp.
package struct FoundFile: Sendable, Equatable {
    package var path: String
    package var stamp: FileStamp

    package init(path: String, stamp: FileStamp) {
        self.path = path
        self.stamp = stamp
    }
}
