/// A fast 64-bit checksum of a byte stream, fed in pieces of any size: the same value however
/// the bytes are cut. It tells damaged index sections from good ones; it is no defence against
/// someone who means to forge a section.
///
/// ```swift
/// var sum = Checksum()
/// bytes.withUnsafeBytes { sum.update($0) }
/// sum.value
/// ```
package struct Checksum: Sendable, Equatable {
    private var state: UInt64 = 0x243f_6a88_85a3_08d3
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length = 0

    package init() {}

    /// The checksum of `bytes` alone.
    package static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var sum = Checksum()
        sum.update(bytes)
        return sum.value
    }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        length += n
        // Finish a word begun by the previous piece, a byte at a time.
        while pendingCount > 0 && pendingCount < 8 && i < n {
            pending |= UInt64(bytes[i]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            i += 1
        }
        if pendingCount == 8 {
            mix(pending)
            (pending, pendingCount) = (0, 0)
        }
        while i + 8 <= n {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        while i < n {
            pending |= UInt64(bytes[i]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            i += 1
        }
    }

    @inline(__always) private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0x9e37_79b9_7f4a_7c15
        state ^= state >> 32
    }

    /// The checksum of everything fed so far.
    package var value: UInt64 {
        var z = state ^ pending ^ (UInt64(length) &* 0xff51_afd7_ed55_8ccd)
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
