import Glibc

/// A little-endian byte encoding for the on-disk index: varints, strings and flat integer arrays.
///
/// ```swift
/// var writer = ByteWriter()
/// writer.write("slug"); writer.write(42)
/// var reader = ByteReader(writer.bytes)
/// try reader.readString()  // "slug"
/// ```
package struct ByteWriter: Sendable {
    /// What is written and not yet handed to the file, if the writer streams to one.
    package private(set) var bytes: [UInt8] = []
    /// Where every full megabyte goes (returning 0, or an `errno`); nil keeps everything in `bytes`.
    private let sink: (@Sendable (UnsafeRawBufferPointer) -> Int32)?
    private var flushed = 0
    /// The first error met writing to the file, as an `errno` value.
    package private(set) var failure: Int32 = 0
    /// The checksum of the section being written, if one is open, and where in `bytes` the
    /// bytes it has not yet seen start (nil while it is paused).
    private var section: Checksum?
    private var unhashed: Int?

    package init() {
        sink = nil
    }

    /// A writer that streams to `sink` (a file): memory stays at a megabyte however much is
    /// written. Call `finish()` at the end, then check `failure`.
    package init(streamingTo sink: @escaping @Sendable (UnsafeRawBufferPointer) -> Int32) {
        self.sink = sink
        bytes.reserveCapacity(Self.flushSize + 4096)
    }

    static let flushSize = 1 << 20

    /// Every byte written so far, flushed or not.
    package var count: Int { flushed + bytes.count }

    /// Empties an in-memory writer for reuse, keeping its capacity.
    package mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        flushed = 0
        section = nil
        unhashed = nil
    }

    /// Hands what is buffered to the sink.
    package mutating func finish() {
        guard let sink, !bytes.isEmpty else { return }
        hashPending()
        if failure == 0 { failure = bytes.withUnsafeBytes(sink) }
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
        if unhashed != nil { unhashed = 0 }
    }

    /// Starts a checked section: what is written from here to `endSection()` is followed by its
    /// checksum, which `ByteReader.endSection()` verifies.
    package mutating func beginSection() {
        section = Checksum()
        unhashed = bytes.count
    }

    /// Bytes written from here to `resumeSection()` are left out of the section's checksum: a
    /// part the reader skips and checks its own way when it decodes it.
    package mutating func pauseSection() {
        hashPending()
        unhashed = nil
    }

    package mutating func resumeSection() {
        unhashed = bytes.count
    }

    /// Ends the section with its checksum.
    package mutating func endSection() {
        hashPending()
        let value = section?.value ?? 0
        (section, unhashed) = (nil, nil)
        write(word: value)
    }

    private mutating func hashPending() {
        guard let start = unhashed, section != nil else { return }
        bytes.withUnsafeBytes { section!.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        unhashed = bytes.count
    }

    /// Eight bytes, little-endian.
    package mutating func write(word: UInt64) {
        withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
        flushIfFull()
    }

    @inline(__always) private mutating func flushIfFull() {
        if sink != nil && bytes.count >= Self.flushSize { finish() }
    }

    package mutating func write(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value))
        // Zigzag, so that small negative numbers stay small.
        v = (v << 1) ^ UInt64(bitPattern: Int64(value) >> 63)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
        flushIfFull()
    }

    package mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    package mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
        flushIfFull()
    }

    package mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }

    package mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }

    /// A flat array copied as raw little-endian words.
    package mutating func write(_ values: [Int32]) {
        write(values.count)
        values.withUnsafeBytes { raw in
            // In megabyte pieces, so that a long array never sits in the buffer whole.
            var start = 0
            while start < raw.count {
                let end = Swift.min(raw.count, start + Self.flushSize)
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                flushIfFull()
                start = end
            }
        }
    }

    package mutating func append(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
        flushIfFull()
    }

    package mutating func append(contentsOf raw: ArraySlice<UInt8>) {
        bytes.append(contentsOf: raw)
        flushIfFull()
    }

    /// Bytes of a mapped file or another buffer, copied in one piece.
    package mutating func append(contentsOf raw: Slice<UnsafeRawBufferPointer>) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw).assumingMemoryBound(to: UInt8.self))
        flushIfFull()
    }

    package mutating func append<Bytes: Sequence<UInt8>>(contentsOf raw: Bytes) {
        bytes.append(contentsOf: raw)
        flushIfFull()
    }
}
