import TermgraphCore
import Synchronization
import Testing

/// Counts how many of its instances are alive.
private final class Tracked: Sendable {
    static let alive = Atomic<Int>(0)
    let value: Int

    init(_ value: Int) {
        self.value = value
        Self.alive.add(1, ordering: .relaxed)
    }

    deinit { Self.alive.subtract(1, ordering: .relaxed) }
}

@Suite struct ParallelTests {
    @Test func resultsComeBackInOrder() {
        #expect(Parallel.map(Array(0..<1000), chunk: 7) { $0 * $0 } == (0..<1000).map { $0 * $0 })
        #expect(Parallel.map([Int](), chunk: 1) { $0 }.isEmpty)
    }

    /// Every result is released once the caller lets it go: nothing stays behind in the
    /// buffer the workers wrote into.
    @Test func resultsAreReleased() {
        do {
            let results = Parallel.map(Array(0..<500), chunk: 3) { Tracked($0) }
            #expect(results.map(\.value) == Array(0..<500))
            #expect(Tracked.alive.load(ordering: .relaxed) == 500)
        }
        #expect(Tracked.alive.load(ordering: .relaxed) == 0)
    }
}
