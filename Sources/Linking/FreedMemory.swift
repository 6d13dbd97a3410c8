import CFreedMemory

/// Memory let go of in many small pieces (a dump's per-article link buffers) is kept by the
/// allocator for later small requests, while the graph's arrays that follow are large ones it
/// takes elsewhere. Handing the freed pages back makes the process's peak the most it holds at
/// once, not the sum of the two.
enum FreedMemory {
    static func release() {
        termgraph_release_freed_memory()
    }
}
