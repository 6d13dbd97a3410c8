import Dispatch
import Synchronization

/// Work spread over every core.
package enum Parallel {
    /// `transform` over `items` on every core, results in input order. Items are handed out
    /// `chunk` at a time; `progress` is called from the workers with (items done, items).
    @inlinable
    package static func map<T: Sendable, R: Sendable>(_ items: [T], chunk: Int = 64, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                                     _ transform: @Sendable (T) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = UnsafeSendable(results)
        let chunks = (items.count + chunk - 1) / chunk
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(items.count, (c + 1) * chunk) {
                box.value[i] = transform(items[i])
            }
            if let progress {
                let finished = done.add(min(chunk, items.count - c * chunk), ordering: .relaxed).newValue
                progress(finished, items.count)
            }
        }
        // Moved out, so that the buffer holds nothing when it is freed.
        return results.indices.map { (results.baseAddress! + $0).move()! }
    }
}

extension Parallel {
    /// `0..<count` cut into sixteen slices (fewer when a slice would hold less than `minimum`),
    /// for work handed to `map` a slice at a time.
    package static func slices(_ count: Int, minimum: Int) -> [Range<Int>] {
        let size = Swift.max(minimum, count / 16, 1)
        return stride(from: 0, to: count, by: size).map { $0..<Swift.min($0 + size, count) }
    }
}

/// A buffer written by disjoint indices from several threads.
@usableFromInline
struct UnsafeSendable<T>: @unchecked Sendable {
    @usableFromInline let value: T
    @usableFromInline init(_ value: T) { self.value = value }
}

/// One slot per item for work spread by `Parallel.map`: each worker writes only the slots of
/// its own items, so a second result per item needs no array of pairs to be split afterwards.
package final class ParallelSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T>

    package init(count: Int, initial: T) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: initial)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    package subscript(i: Int) -> T {
        get { slots[i] }
        set { slots[i] = newValue }
    }

    package var values: [T] { Array(slots) }
}
