/// How wikilinks and relative Markdown links find their targets (`links:` in `termgraph.yml`).
///
/// ```yaml
/// links: names    # a vault: [[Note]] is the note named Note, wherever it lives (§1a)
/// ```
public enum LinkMode: String, Sendable, CaseIterable {
    /// §1: a wikilink is a path from the corpus root, a Markdown link a path from its file.
    case paths
    /// §1a: links are resolved as note-taking apps (Obsidian, Foam) do: by path, then by note name.
    case names
}
