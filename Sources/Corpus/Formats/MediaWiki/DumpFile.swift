import CBZip2
import Foundation
import TermgraphCore

/// The bytes of a dump file as a stream of chunks: read as they are from an `.xml` file, or
/// decompressed on a second thread from a `.bz2` file while the first one parses, through a
/// bounded `ChunkPipe` (a dump of any size is never held whole).
final class DumpFile: @unchecked Sendable {
    static let chunkBytes = 1 << 20

    private let descriptor: Int32
    private let pipe: ChunkPipe?
    private var plainChecksum = Checksum()
    private var plainFailure: String?
    /// A dump held in memory, handed over as one chunk.
    private var memory: [UInt8]?

    /// Opens `path`; a `.bz2` name starts the decompressing thread. Nil when it cannot be
    /// opened (`errno` says why).
    init?(path: String, compressed: Bool) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        if compressed {
            let pipe = ChunkPipe(capacity: 8)
            self.pipe = pipe
            let fd = descriptor
            let thread = Thread { Bzip2Decoder.decode(fd, into: pipe) }
            thread.stackSize = 1 << 20
            thread.start()
        } else {
            pipe = nil
        }
    }

    /// A dump already in memory (tests, fuzzing).
    init(bytes: [UInt8]) {
        descriptor = -1
        pipe = nil
        memory = bytes
        bytes.withUnsafeBytes { plainChecksum.update($0) }
    }

    deinit {
        pipe?.abandon()
        // The decoder closes the descriptor of a compressed file when it stops.
        if pipe == nil && descriptor >= 0 { close(descriptor) }
    }

    /// The next chunk of (decompressed) bytes; nil at the end of the file or at a failure.
    func next() -> [UInt8]? {
        if let pipe { return pipe.take() }
        guard plainFailure == nil, descriptor >= 0 else {
            defer { memory = nil }
            return memory.flatMap { $0.isEmpty ? nil : $0 }
        }
        var chunk = [UInt8](repeating: 0, count: Self.chunkBytes)
        let count = chunk.withUnsafeMutableBytes { buffer in
            var n: Int
            repeat { n = read(descriptor, buffer.baseAddress, buffer.count) } while n < 0 && errno == EINTR
            return n
        }
        if count < 0 {
            plainFailure = "cannot read the file: \(String(cString: strerror(errno)))"
            return nil
        }
        if count == 0 { return nil }
        chunk.removeLast(chunk.count - count)
        chunk.withUnsafeBytes { plainChecksum.update($0) }
        return chunk
    }

    /// Why the bytes ended early (a truncated or damaged `.bz2`, a read error), once they ended.
    var failure: String? { pipe?.failure ?? plainFailure }

    /// The checksum of the file's bytes on disk, once they have all been read.
    var checksum: UInt64? { pipe == nil ? plainChecksum.value : pipe?.checksum }
}

/// bzip2 decompression of a file into a pipe, stream after stream (Wikipedia's multistream
/// dumps and `pbzip2` output are many bzip2 streams one after the other).
enum Bzip2Decoder {
    static func decode(_ fd: Int32, into pipe: ChunkPipe) {
        defer { close(fd) }
        var checksum = Checksum()
        let stream = UnsafeMutablePointer<bz_stream>.allocate(capacity: 1)
        stream.initialize(to: bz_stream())
        defer { stream.deallocate() }
        var input = [CChar](repeating: 0, count: DumpFile.chunkBytes)
        var output = [CChar](repeating: 0, count: DumpFile.chunkBytes)
        var streamOpen = false
        var inputEnded = false
        var sawStream = false
        var failure: String?
        input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.pointee.avail_in = 0
                while true {
                    if stream.pointee.avail_in == 0 && !inputEnded {
                        var n: Int
                        repeat { n = read(fd, inputBuffer.baseAddress, inputBuffer.count) } while n < 0 && errno == EINTR
                        if n < 0 {
                            failure = "cannot read the file: \(String(cString: strerror(errno)))"
                            return
                        }
                        if n == 0 { inputEnded = true }
                        checksum.update(UnsafeRawBufferPointer(start: inputBuffer.baseAddress, count: n))
                        stream.pointee.next_in = inputBuffer.baseAddress
                        stream.pointee.avail_in = UInt32(n)
                    }
                    if !streamOpen {
                        if stream.pointee.avail_in == 0 && inputEnded {
                            if !sawStream { failure = "the file is empty; it holds no bzip2 data" }
                            return
                        }
                        // What follows a stream must be another one; anything else is ignored, as bzip2 does.
                        if sawStream, stream.pointee.avail_in > 0, stream.pointee.next_in.pointee != CChar(UInt8(ascii: "B")) { return }
                        guard BZ2_bzDecompressInit(stream, 0, 0) == BZ_OK else {
                            failure = "cannot start decompressing (out of memory)"
                            return
                        }
                        streamOpen = true
                        sawStream = true
                    }
                    stream.pointee.next_out = outputBuffer.baseAddress
                    stream.pointee.avail_out = UInt32(outputBuffer.count)
                    let status = BZ2_bzDecompress(stream)
                    let produced = outputBuffer.count - Int(stream.pointee.avail_out)
                    if produced > 0 {
                        let chunk = [UInt8](UnsafeRawBufferPointer(start: outputBuffer.baseAddress, count: produced))
                        guard pipe.put(chunk) else { return }
                    }
                    switch status {
                    case BZ_OK:
                        if produced == 0 && stream.pointee.avail_in == 0 && inputEnded {
                            failure = "the bzip2 data ends early: the file is truncated"
                            return
                        }
                    case BZ_STREAM_END:
                        BZ2_bzDecompressEnd(stream)
                        streamOpen = false
                    case BZ_DATA_ERROR_MAGIC:
                        failure = "the file is not bzip2 data"
                        return
                    case BZ_DATA_ERROR:
                        failure = "the bzip2 data is damaged (a block's checksum does not match)"
                        return
                    case BZ_MEM_ERROR:
                        failure = "out of memory while decompressing"
                        return
                    default:
                        failure = "the bzip2 data cannot be decompressed (libbz2 status \(status))"
                        return
                    }
                }
            }
        }
        if streamOpen { BZ2_bzDecompressEnd(stream) }
        pipe.finish(failure: failure, checksum: checksum.value)
    }
}
