import Glibc

/// Bytes that grow in place (`realloc`, which the C library does by remapping pages for large
/// blocks) and are then handed over as a `ByteBuffer` without a copy: a large encoded section
/// never exists twice.
package final class GrowingBytes: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer?
    private var count = 0
    private var capacity = 0

    package init() {}

    deinit { free(base) }

    /// Appends `raw`; returns 0, or ENOMEM.
    @Sendable package func append(_ raw: UnsafeRawBufferPointer) -> Int32 {
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
    package func buffer() -> ByteBuffer {
        guard let base else { return ByteBuffer([]) }
        let bytes = UnsafeRawBufferPointer(start: base, count: count)
        (self.base, count, capacity) = (nil, 0, 0)
        return ByteBuffer(owning: bytes) { free(UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
    }
}
