import Synchronization

/// Raised when data decoded on demand from the on-disk index turns out damaged: the answer that
/// read it cannot be trusted, and whoever owns the index rebuilds it and asks again. Decoding
/// never traps; it raises this and gives a placeholder.
package final class DamageFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    package init() {}

    package func raise() { raised.store(true, ordering: .relaxed) }

    package var isRaised: Bool { raised.load(ordering: .relaxed) }
}
