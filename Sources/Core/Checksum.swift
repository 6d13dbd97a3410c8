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
    /// Four lanes, fed words in turn, so that four multiplications are in flight at once.
    private var lanes: (UInt64, UInt64, UInt64, UInt64) =
        (0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344, 0xa409_3822_299f_31d0, 0x082e_fa98_ec4e_6c89)
    private var words = 0
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length = 0

    package init() {}

    package static func == (a: Checksum, b: Checksum) -> Bool {
        a.lanes == b.lanes && (a.words, a.pending, a.pendingCount, a.length) == (b.words, b.pending, b.pendingCount, b.length)
    }

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
            take(pending)
            (pending, pendingCount) = (0, 0)
        }
        // Whole words until the next one is the first lane's, then four at a time.
        while words & 3 != 0 && i + 8 <= n {
            take(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        var (a, b, c, d) = lanes
        while i + 32 <= n {
            a = Self.mix(a, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            b = Self.mix(b, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
            c = Self.mix(c, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)))
            d = Self.mix(d, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)))
            i += 32
            words += 4
        }
        lanes = (a, b, c, d)
        while i + 8 <= n {
            take(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        while i < n {
            pending |= UInt64(bytes[i]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            i += 1
        }
    }

    /// One word into the lane whose turn it is.
    private mutating func take(_ word: UInt64) {
        switch words & 3 {
        case 0: lanes.0 = Self.mix(lanes.0, word)
        case 1: lanes.1 = Self.mix(lanes.1, word)
        case 2: lanes.2 = Self.mix(lanes.2, word)
        default: lanes.3 = Self.mix(lanes.3, word)
        }
        words += 1
    }

    @inline(__always) private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let z = (state ^ word) &* 0x9e37_79b9_7f4a_7c15
        return z ^ (z >> 32)
    }

    /// The checksum of everything fed so far.
    package var value: UInt64 {
        let left = Self.mix(lanes.0, lanes.1 &* 0xc2b2_ae3d_27d4_eb4f)
        let right = Self.mix(lanes.2, lanes.3 &* 0xc2b2_ae3d_27d4_eb4f)
        var z = Self.mix(left, right &* 0x9e37_79b9_7f4a_7c15) ^ pending ^ (UInt64(length) &* 0xff51_afd7_ed55_8ccd)
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
