import Glibc
import Graph

/// A digest of every article file's path and stamp (size, modification and change time, inode),
/// the same whatever order the files are met in: 128 bits summed over per-file hashes.
///
/// The on-disk index stores the fingerprint of the files it was built from. Telling whether it
/// is still current then takes one walk that stats each file and sorts nothing, allocates no
/// path strings, and runs folders on every core: that walk is the whole cost of a repeated query.
struct FolderFingerprint: Sendable, Equatable {
    private(set) var files = 0
    private var first: UInt64 = 0
    private var second: UInt64 = 0

    init() {}

    init(_ files: [CorpusFile]) {
        for file in files {
            var path = file.path
            path.withUTF8 { add(path: UnsafeRawBufferPointer($0), stamp: file.stamp) }
        }
    }

    init(files: Int, first: UInt64, second: UInt64) {
        (self.files, self.first, self.second) = (files, first, second)
    }

    var words: (files: Int, first: UInt64, second: UInt64) { (files, first, second) }

    mutating func add(path: UnsafeRawBufferPointer, stamp: FileStamp) {
        // Two independent hashes of the path, each then mixed with every stamp field.
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x9e37_79b9_7f4a_7c15
        for byte in path {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0xff51_afd7_ed55_8ccd
        }
        for field in [path.count, stamp.size, stamp.modified, stamp.changed, stamp.inode] {
            let word = UInt64(bitPattern: Int64(field))
            a = Self.splitmix(a ^ word)
            b = Self.murmur(b &+ word)
        }
        first &+= a
        second &+= b
        files += 1
    }

    mutating func add(_ other: FolderFingerprint) {
        first &+= other.first
        second &+= other.second
        files += other.files
    }

    private static func splitmix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    private static func murmur(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 33)) &* 0xff51_afd7_ed55_8ccd
        z = (z ^ (z >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return z ^ (z >> 33)
    }

    /// The fingerprint of the article files below `root`, found by the same rules as
    /// `CorpusReader.articleFiles`; nil when the walk meets anything that walk would report as a
    /// problem (a folder it cannot open, a link to nowhere, a FIFO), which only the full scan
    /// describes. Folders of one depth are read in parallel.
    static func walk(_ root: String) -> FolderFingerprint? {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return nil }
        defer { close(rootFD) }
        var total = FolderFingerprint()
        var level: [[UInt8]] = [[]]
        while !level.isEmpty {
            let visits = Parallel.map(level, chunk: 1) { visit($0, root: rootFD) }
            level = []
            for visit in visits {
                guard let visit else { return nil }
                total.add(visit.fingerprint)
                level += visit.folders
            }
        }
        return total
    }

    /// One folder's article files and subfolders; `folder` is relative to the root, `/`-separated.
    private static func visit(_ folder: [UInt8], root: Int32) -> (fingerprint: FolderFingerprint, folders: [[UInt8]])? {
        let fd = folder.isEmpty ? dup(root) : (folder + [0]).withUnsafeBufferPointer {
            openat(root, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0, let dir = fdopendir(fd) else {
            if fd >= 0 { close(fd) }
            return nil
        }
        defer { closedir(dir) }
        var fingerprint = FolderFingerprint()
        var folders: [[UInt8]] = []
        var path = folder.isEmpty ? [] : folder + [UInt8(ascii: "/")]
        let prefix = path.count
        while let entry = readdir(dir) {
            let ok = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> Bool in
                let name = UnsafeRawBufferPointer(rebasing: raw[..<(raw.firstIndex(of: 0) ?? raw.count)])
                let article: Bool
                if name.allSatisfy({ $0 < 0x80 }) {
                    // For ASCII the byte rules are the full scan's string rules.
                    if name.first == UInt8(ascii: ".") { return true }
                    article = isArticleName(name)
                } else {
                    // Anything else is judged exactly as the full scan judges it, on the decoded
                    // name: a dot followed by a combining mark is not hidden, K (Kelvin) lowercases
                    // to k. A name that is not UTF-8 is one the full scan cannot stat: skipped.
                    let decoded = String(decoding: name, as: UTF8.self)
                    guard decoded.utf8.elementsEqual(name) else { return true }
                    if decoded.hasPrefix(".") { return true }
                    article = CorpusReader.isArticleName(decoded)
                }
                path.removeSubrange(prefix...)
                path.append(contentsOf: name)
                var type = entry.pointee.d_type
                if type == UInt8(DT_DIR) {
                    folders.append(path)
                    return true
                }
                guard article || type == UInt8(DT_UNKNOWN) else { return true }
                let cName = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                var info = stat()
                guard fstatat(dirfd(dir), cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return true }
                type = UInt8(truncatingIfNeeded: (info.st_mode & S_IFMT) >> 12)
                if type == UInt8(DT_DIR) {
                    folders.append(path)
                    return true
                }
                guard article else { return true }
                if type == UInt8(DT_LNK) {
                    guard fstatat(dirfd(dir), cName, &info, 0) == 0 else { return false }
                    guard info.st_mode & S_IFMT == S_IFREG else { return true }
                } else if type != UInt8(DT_REG) {
                    return false
                }
                path.withUnsafeBytes { fingerprint.add(path: $0, stamp: FileStamp(info)) }
                return true
            }
            guard ok else { return nil }
        }
        return (fingerprint, folders)
    }

    /// `CorpusReader.isArticleName` for an ASCII name, over its bytes: ending in .md, .markdown
    /// or .txt, in any case.
    private static func isArticleName(_ name: UnsafeRawBufferPointer) -> Bool {
        func endsWith(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard name.count >= n else { return false }
            let start = suffix.utf8Start
            for i in 0..<n {
                let byte = name[name.count - n + i]
                if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != start[i] { return false }
            }
            return true
        }
        return endsWith(".md") || endsWith(".markdown") || endsWith(".txt")
    }
}
