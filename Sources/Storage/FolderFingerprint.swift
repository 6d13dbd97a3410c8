/// A digest of every found file's path and stamp (size, modification and change time, inode),
/// the same whatever order the files are met in: 128 bits summed over per-file hashes.
///
/// The on-disk index stores the fingerprint of the files it was built from; telling whether it
/// is still current then takes one walk that stats each file and sorts nothing.
package struct FolderFingerprint: Sendable, Equatable {
    package private(set) var files = 0
    private var first: UInt64 = 0
    private var second: UInt64 = 0

    package init() {}

    package init(_ files: [FoundFile]) {
        for file in files {
            var path = file.path
            path.withUTF8 { add(path: UnsafeRawBufferPointer($0), stamp: file.stamp) }
        }
    }

    package init(files: Int, first: UInt64, second: UInt64) {
        (self.files, self.first, self.second) = (files, first, second)
    }

    package var words: (files: Int, first: UInt64, second: UInt64) { (files, first, second) }

    package mutating func add(path: UnsafeRawBufferPointer, stamp: FileStamp) {
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

    package mutating func add(_ other: FolderFingerprint) {
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
}
