import Foundation
import Synchronization
import TermgraphKit

/// The corpus as the server answers from it: one fully loaded workspace at a time, replaced
/// whole when a rebuild finishes. A request takes the current snapshot and keeps it for its
/// whole answer, so it never waits for a rebuild and never sees half of one.
final class LiveCorpus: Sendable {
    /// What answers come from: a loaded workspace, or why the corpus could not be loaded.
    struct Snapshot: Sendable {
        let workspace: Workspace
        let failure: QueryError?
        /// The count of changes seen when the rebuild that made it began.
        let changesIncluded: Int
    }

    let root: URL
    private let cacheFolder: URL?
    private let useIndex: Bool
    private let current: Mutex<Snapshot>
    /// Changes seen by the watcher, ever; a snapshot made before the latest one is stale.
    private let changesSeen = Atomic<Int>(0)
    private let wake = DispatchSemaphore(value: 0)

    /// Loads the corpus (the caller waits for this first build only).
    init(root: URL, cacheFolder: URL?, useIndex: Bool) {
        self.root = root
        self.cacheFolder = cacheFolder
        self.useIndex = useIndex
        current = Mutex(Self.build(root: root, cacheFolder: cacheFolder, useIndex: useIndex, changes: 0))
    }

    var snapshot: Snapshot { current.withLock { $0 } }

    /// Whether a change has been seen that the current snapshot does not hold yet.
    var isStale: Bool { changesSeen.load(ordering: .acquiring) > snapshot.changesIncluded }

    /// Called by the watcher: something under the root changed.
    func noteChange() {
        changesSeen.add(1, ordering: .releasing)
        wake.signal()
    }

    /// Rebuilds after changes, forever, on its own thread. First the corpus is read into memory
    /// (from the index where it can be) while the snapshot loaded from the index answers; then,
    /// after each change, a short pause gathers the events of one save (an editor writes,
    /// renames and changes modes), the held corpus looks again only at the folders the watcher
    /// saw change, reads only the files that changed and
    /// resolves only the links they can reach (`HeldCorpus`), and the new snapshot replaces the
    /// old in one step.
    /// - Parameter changedFolders: the folders the watcher saw change since it was last asked
    ///   (nil when it cannot tell): an update reads only those again.
    func startRebuilding(changedFolders: @escaping @Sendable () -> Set<[UInt8]>?) {
        warm(snapshot)
        let thread = Thread { [self] in
            var held = HeldCorpus(root: root, cacheFolder: cacheFolder, useIndex: useIndex)
            var first = true
            while true {
                if !first {
                    wake.wait()
                    Thread.sleep(forTimeInterval: 0.03)
                    while wake.wait(timeout: .now()) == .success {}
                }
                let changes = changesSeen.load(ordering: .acquiring)
                guard first || changes > snapshot.changesIncluded else { continue }
                // Taken after the count: every change counted is among them.
                let folders = changedFolders()
                let started = ContinuousClock.now
                let next: Snapshot
                var report = ""
                do throws(QueryError) {
                    let (workspace, update) = try held.update(changedFolders: first ? nil : folders)
                    next = Snapshot(workspace: workspace, failure: nil, changesIncluded: changes)
                    let took = (ContinuousClock.now - started).components
                    let ms = took.seconds * 1000 + took.attoseconds / 1_000_000_000_000_000
                    if first {
                        let nodes = (try? workspace.graph().graph.nodes).map { list in list.indices.filter { !list.isStub($0) }.count } ?? 0
                        report = "termgraph serve: \(nodes) articles held in memory in \(ms) ms; a change is answered from them\n"
                    } else {
                        report = "termgraph serve: \(update.filesChanged) file\(update.filesChanged == 1 ? "" : "s") changed, "
                            + "\(update.articlesResolved) article\(update.articlesResolved == 1 ? "'s" : "s'") links resolved again"
                            + "\(update.full ? " (a full build)" : ""); answers updated in \(ms) ms\n"
                    }
                } catch {
                    next = Snapshot(workspace: snapshot.workspace, failure: error, changesIncluded: changes)
                    report = "termgraph serve: \(error.message)\n"
                }
                first = false
                // The old snapshot is let go of after the swap, on another thread: freeing a
                // large graph takes a while, and neither requests nor the next update wait for it.
                Self.letGo(of: current.withLock { current in
                    defer { current = next }
                    return current
                })
                if !report.isEmpty { FileHandle.standardError.write(Data(report.utf8)) }
                warm(next)
            }
        }
        thread.name = "termgraph rebuild"
        thread.start()
    }

    /// Frees `snapshot` on another thread, once no request holds it.
    private static func letGo(of snapshot: consuming Snapshot) {
        let held = snapshot
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(held) {} }
    }

    /// The table a term's page finds where links are written with (which article each node
    /// is): made after the swap, so that neither the swap nor the first page waits for it.
    private func warm(_ snapshot: Snapshot) {
        DispatchQueue.global(qos: .utility).async {
            _ = try? snapshot.workspace.linkOccurrences()
        }
    }

    private static func build(root: URL, cacheFolder: URL?, useIndex: Bool, changes: Int) -> Snapshot {
        let workspace = Workspace(root: root, cacheFolder: cacheFolder, useIndex: useIndex)
        do {
            _ = try workspace.graph()
            _ = try workspace.terms()
            return Snapshot(workspace: workspace, failure: nil, changesIncluded: changes)
        } catch {
            return Snapshot(workspace: workspace, failure: error, changesIncluded: changes)
        }
    }
}
