import Glibc

/// A little-endian byte encoding for the on-disk index: varints, strings and flat integer arrays.
///
/// ```swift
/// var writer = ByteWriter()
/// writer.write("slug"); writer.write(42)
/// var reader = ByteReader(writer.bytes)
/// try reader.readString()  // "slug"
/// ```
public struct ByteWriter: Sendable {
    /// What is written and not yet handed to the file, if the writer streams to one.
    public private(set) var bytes: [UInt8] = []
    /// Where every full megabyte goes (returning 0, or an `errno`); nil keeps everything in `bytes`.
    private let sink: (@Sendable (UnsafeRawBufferPointer) -> Int32)?
    private var flushed = 0
    /// The first error met writing to the file, as an `errno` value.
    public private(set) var failure: Int32 = 0

    public init() {
        sink = nil
    }

    /// A writer that streams to `sink` (a file): memory stays at a megabyte however much is
    /// written. Call `finish()` at the end, then check `failure`.
    public init(streamingTo sink: @escaping @Sendable (UnsafeRawBufferPointer) -> Int32) {
        self.sink = sink
        bytes.reserveCapacity(Self.flushSize + 4096)
    }

    static let flushSize = 1 << 20

    /// Every byte written so far, flushed or not.
    public var count: Int { flushed + bytes.count }

    /// Empties an in-memory writer for reuse, keeping its capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        flushed = 0
    }

    /// Hands what is buffered to the sink.
    public mutating func finish() {
        guard let sink, !bytes.isEmpty else { return }
        if failure == 0 { failure = bytes.withUnsafeBytes(sink) }
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always) private mutating func flushIfFull() {
        if sink != nil && bytes.count >= Self.flushSize { finish() }
    }

    public mutating func write(_ value: Int) {
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

    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
        flushIfFull()
    }

    public mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }

    public mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }

    /// A flat array copied as raw little-endian words.
    public mutating func write(_ values: [Int32]) {
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

    public mutating func append(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
        flushIfFull()
    }

    public mutating func append(contentsOf raw: ArraySlice<UInt8>) {
        bytes.append(contentsOf: raw)
        flushIfFull()
    }

    public mutating func append<Bytes: Sequence<UInt8>>(contentsOf raw: Bytes) {
        bytes.append(contentsOf: raw)
        flushIfFull()
    }
}

/// Bytes that decoded values may point into for as long as they live: a copied array, or a
/// file mapped into memory, whose pages are only read from disk when something touches them.
public final class ByteBuffer: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer
    private let release: @Sendable (UnsafeRawBufferPointer) -> Void

    public init(_ array: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(array.count, 1), alignment: 8)
        array.withUnsafeBytes { copy.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: copy[0..<array.count])
        release = { $0.deallocate() }
    }

    /// Memory owned elsewhere (a mapping), handed back to `release` when the buffer goes away.
    /// The memory must not change while the buffer lives.
    public init(owning bytes: UnsafeRawBufferPointer, release: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.bytes = bytes
        self.release = release
    }

    deinit { release(bytes) }
}

/// Bytes that grow in place (`realloc`, which the C library does by remapping pages for large
/// blocks) and are then handed over as a `ByteBuffer` without a copy: a large encoded section
/// never exists twice.
final class GrowingBytes: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer?
    private var count = 0
    private var capacity = 0

    deinit { free(base) }

    /// Appends `raw`; returns 0, or ENOMEM.
    @Sendable func append(_ raw: UnsafeRawBufferPointer) -> Int32 {
        if count + raw.count > capacity {
            let wanted = Swift.max(count + raw.count, capacity * 2, 1 << 16)
            guard let grown = realloc(base, wanted) else { return ENOMEM }
            (base, capacity) = (grown, wanted)
        }
        if let source = raw.baseAddress { (base! + count).copyMemory(from: source, byteCount: raw.count) }
        count += raw.count
        return 0
    }

    /// The bytes, now owned by the buffer; this object is empty afterwards.
    func buffer() -> ByteBuffer {
        guard let base else { return ByteBuffer([]) }
        let bytes = UnsafeRawBufferPointer(start: base, count: count)
        (self.base, count, capacity) = (nil, 0, 0)
        return ByteBuffer(owning: bytes) { free(UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
    }
}

/// Reads what `ByteWriter` wrote; any truncation or corruption is an error, never a crash.
public struct ByteReader {
    public struct Corrupt: Error {
        public init() {}
    }

    public let buffer: ByteBuffer
    private let bytes: UnsafeRawBufferPointer
    public private(set) var position: Int

    public init(_ bytes: [UInt8], position: Int = 0) {
        self.init(ByteBuffer(bytes), position: position)
    }

    public init(_ buffer: ByteBuffer, position: Int = 0) {
        self.buffer = buffer
        self.bytes = buffer.bytes
        self.position = position
    }

    public var atEnd: Bool { position >= bytes.count }

    public mutating func readInt() throws(Corrupt) -> Int {
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

    public mutating func readCount(max limit: Int = Int(Int32.max)) throws(Corrupt) -> Int {
        let n = try readInt()
        guard n >= 0, n <= limit else { throw Corrupt() }
        return n
    }

    public mutating func readBool() throws(Corrupt) -> Bool {
        guard position < bytes.count else { throw Corrupt() }
        position += 1
        return bytes[position - 1] != 0
    }

    public mutating func readByte() throws(Corrupt) -> UInt8 {
        guard position < bytes.count else { throw Corrupt() }
        position += 1
        return bytes[position - 1]
    }

    public mutating func readBytes(_ n: Int) throws(Corrupt) -> [UInt8] {
        Array(UnsafeRawBufferPointer(rebasing: bytes[try readRange(n)]))
    }

    /// The position range of the next `n` bytes, which are skipped: a section decoded later.
    public mutating func readRange(_ n: Int) throws(Corrupt) -> Range<Int> {
        guard n >= 0, n <= bytes.count - position else { throw Corrupt() }
        defer { position += n }
        return position..<(position + n)
    }

    public mutating func readString() throws(Corrupt) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[try readRange(try readInt())]), as: UTF8.self)
    }

    public mutating func readOptionalString() throws(Corrupt) -> String? {
        try readBool() ? try readString() : nil
    }

    public mutating func readStrings() throws(Corrupt) -> [String] {
        let n = try readInt()
        guard n >= 0, n <= bytes.count - position else { throw Corrupt() }
        var result: [String] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try readString()) }
        return result
    }

    public mutating func readInt32s() throws(Corrupt) -> [Int32] {
        let n = try readInt()
        guard n >= 0, n <= (bytes.count - position) / 4 else { throw Corrupt() }
        let source = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + 4 * n)])
        position += 4 * n
        return [Int32](unsafeUninitializedCapacity: n) { target, count in
            UnsafeMutableRawBufferPointer(target).copyMemory(from: source)
            count = n
        }
    }

    public mutating func skip(_ n: Int) throws(Corrupt) {
        guard n >= 0, n <= bytes.count - position else { throw Corrupt() }
        position += n
    }
}
