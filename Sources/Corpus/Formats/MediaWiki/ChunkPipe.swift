import Foundation

/// A bounded queue of byte chunks between the thread that decompresses a dump and the one that
/// parses it: the producer waits when `capacity` chunks are waiting, so a fast decompressor
/// never holds more than a few megabytes ahead of the parser.
final class ChunkPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var finished = false
    private var abandoned = false
    private var failureText: String?
    private var finalChecksum: UInt64?
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Hands one chunk to the reader, waiting for room; false when the reader has gone, so the
    /// producer can stop.
    func put(_ chunk: [UInt8]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count - head >= capacity && !abandoned { condition.wait() }
        if abandoned { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// No more chunks: the stream ended, well (`failure` nil) or not.
    func finish(failure: String?, checksum: UInt64?) {
        condition.lock()
        finished = true
        failureText = failure
        finalChecksum = checksum
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting for it; nil once the stream has ended.
    func take() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while head == chunks.count && !finished { condition.wait() }
        guard head < chunks.count else { return nil }
        let chunk = chunks[head]
        chunks[head] = []
        head += 1
        if head > 64 && head * 2 > chunks.count {
            chunks.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return chunk
    }

    /// The reader stops early: the producer's next `put` returns false.
    func abandon() {
        condition.lock()
        abandoned = true
        condition.broadcast()
        condition.unlock()
    }

    /// Why the stream ended early, once it has ended.
    var failure: String? {
        condition.lock()
        defer { condition.unlock() }
        return failureText
    }

    /// The checksum of the file's bytes, once the stream has ended.
    var checksum: UInt64? {
        condition.lock()
        defer { condition.unlock() }
        return finalChecksum
    }
}
