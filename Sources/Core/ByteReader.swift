/// Reads what `ByteWriter` wrote; any truncation or corruption is an error, never a crash.
package struct ByteReader {
    package struct Corrupt: Error {
        package init() {}
    }

    package let buffer: ByteBuffer
    private let bytes: UnsafeRawBufferPointer
    package private(set) var position: Int
    /// The checksum of the open section, and where the bytes it has not yet seen start.
    private var section: Checksum?
    private var unhashed = 0
    /// Where a section verified ahead by `verifySectionToEnd()` ends.
    private var verifiedEnd: Int?

    package init(_ bytes: [UInt8], position: Int = 0) {
        self.init(ByteBuffer(bytes), position: position)
    }

    package init(_ buffer: ByteBuffer, position: Int = 0) {
        self.buffer = buffer
        self.bytes = buffer.bytes
        self.position = position
    }

    package var atEnd: Bool { position >= bytes.count }

    /// How many bytes are left to read.
    package var remaining: Int { bytes.count - position }

    package mutating func readInt() throws(Corrupt) -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Corrupt() }
            let byte = bytes[position]
            position += 1
            v |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
    }

    package mutating func readCount(max limit: Int = Int(Int32.max)) throws(Corrupt) -> Int {
        let n = try readInt()
        guard n >= 0, n <= limit else { throw Corrupt() }
        return n
    }

    package mutating func readBool() throws(Corrupt) -> Bool {
        guard position < bytes.count else { throw Corrupt() }
        position += 1
        return bytes[position - 1] != 0
    }

    package mutating func readByte() throws(Corrupt) -> UInt8 {
        guard position < bytes.count else { throw Corrupt() }
        position += 1
        return bytes[position - 1]
    }

    package mutating func readBytes(_ n: Int) throws(Corrupt) -> [UInt8] {
        Array(UnsafeRawBufferPointer(rebasing: bytes[try readRange(n)]))
    }

    /// The position range of the next `n` bytes, which are skipped: a section decoded later.
    package mutating func readRange(_ n: Int) throws(Corrupt) -> Range<Int> {
        guard n >= 0, n <= bytes.count - position else { throw Corrupt() }
        defer { position += n }
        return position..<(position + n)
    }

    package mutating func readString() throws(Corrupt) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[try readRange(try readInt())]), as: UTF8.self)
    }

    package mutating func readOptionalString() throws(Corrupt) -> String? {
        try readBool() ? try readString() : nil
    }

    package mutating func readStrings() throws(Corrupt) -> [String] {
        let n = try readInt()
        guard n >= 0, n <= bytes.count - position else { throw Corrupt() }
        var result: [String] = []
        result.reserveCapacity(Swift.min(n, 1 << 16))
        for _ in 0..<n { result.append(try readString()) }
        return result
    }

    package mutating func readInt32s() throws(Corrupt) -> [Int32] {
        let n = try readInt()
        guard n >= 0, n <= (bytes.count - position) / 4 else { throw Corrupt() }
        let start = position
        position += 4 * n
        // In an open section the words are hashed as they are copied, a block at a time, so that
        // the checksum reads each block while it is still in the cache rather than in a second
        // pass over the whole array.
        let hashing = section != nil
        if hashing {
            section!.update(UnsafeRawBufferPointer(rebasing: bytes[unhashed..<start]))
            unhashed = position
        }
        return [Int32](unsafeUninitializedCapacity: n) { target, count in
            let into = UnsafeMutableRawBufferPointer(target)
            var offset = 0
            while offset < 4 * n {
                let end = Swift.min(offset + Self.hashingBlock, 4 * n)
                let block = UnsafeRawBufferPointer(rebasing: bytes[(start + offset)..<(start + end)])
                if hashing { section!.update(block) }
                UnsafeMutableRawBufferPointer(rebasing: into[offset..<end]).copyMemory(from: block)
                offset = end
            }
            count = n
        }
    }

    /// The bytes hashed and copied at a time: well inside a core's L2 cache.
    private static let hashingBlock = 64 << 10

    /// Starts a section written between `ByteWriter.beginSection()` and `endSection()`.
    package mutating func beginSection() {
        section = Checksum()
        unhashed = position
    }

    /// The position range of the next `n` bytes, which are skipped and left out of the open
    /// section's checksum (the writer paused it over them).
    package mutating func readUncheckedRange(_ n: Int) throws(Corrupt) -> Range<Int> {
        let range = try readRange(n)
        if section != nil {
            section!.update(UnsafeRawBufferPointer(rebasing: bytes[unhashed..<range.lowerBound]))
            unhashed = range.upperBound
        }
        return range
    }

    /// Ends the section: its checksum must be the one the writer stored after it.
    package mutating func endSection() throws(Corrupt) {
        if verifiedEnd != nil {
            guard position == verifiedEnd else { throw Corrupt() }
            verifiedEnd = nil
            _ = try readWord()
            return
        }
        guard var sum = section else { throw Corrupt() }
        sum.update(UnsafeRawBufferPointer(rebasing: bytes[unhashed..<position]))
        section = nil
        guard try readWord() == sum.value else { throw Corrupt() }
    }

    /// Verifies, before anything more is decoded, an open section that runs to the end of the
    /// buffer and has no unchecked parts: nothing damaged is ever decoded from it.
    package mutating func verifySectionToEnd() throws(Corrupt) {
        guard var sum = section, bytes.count - unhashed >= 8 else { throw Corrupt() }
        let end = bytes.count - 8
        sum.update(UnsafeRawBufferPointer(rebasing: bytes[unhashed..<end]))
        guard UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: end, as: UInt64.self)) == sum.value else { throw Corrupt() }
        section = nil
        verifiedEnd = end
    }

    /// Eight bytes, little-endian.
    package mutating func readWord() throws(Corrupt) -> UInt64 {
        let range = try readRange(8)
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self))
    }

    package mutating func skip(_ n: Int) throws(Corrupt) {
        guard n >= 0, n <= bytes.count - position else { throw Corrupt() }
        position += n
    }
}
