import Glibc

/// Bytes that decoded values may point into for as long as they live: a copied array, or a
/// file mapped into memory, whose pages are only read from disk when something touches them.
package final class ByteBuffer: @unchecked Sendable {
    package let bytes: UnsafeRawBufferPointer
    private let release: @Sendable (UnsafeRawBufferPointer) -> Void

    package init(_ array: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(array.count, 1), alignment: 8)
        array.withUnsafeBytes { copy.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: copy[0..<array.count])
        release = { $0.deallocate() }
    }

    /// Memory owned elsewhere (a mapping), handed back to `release` when the buffer goes away.
    /// The memory must not change while the buffer lives.
    package init(owning bytes: UnsafeRawBufferPointer, release: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.bytes = bytes
        self.release = release
    }

    deinit { release(bytes) }
}
