import TermgraphCore
/// Finds every cross-link in a Markdown body: the one place that decides what counts as a link.
///
/// ```swift
/// LinkScanner.links(in: "See [settlement](/settlement) and [[clearing]].")
/// // [Link(target: "/settlement", text: "settlement", line: 1, kind: .inline), Link(target: "clearing", …, kind: .wikilink)]
/// ```
public enum LinkScanner {
    /// Links in `body`, whose first line is line `firstLine` of its file, in reading order; with
    /// `vault`, a vault note's links (embeds counted, `%%comments%%` skipped).
    public static func links(in body: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, vault: Bool = false) -> [Link] {
        links(in: MarkdownBlocks(body, firstLine: firstLine), vault: vault)
    }

    /// The links of a body already split into blocks, which the anchors are read from too.
    static func links(in blocks: MarkdownBlocks, vault: Bool) -> [Link] {
        var links: [Link] = []
        var syntax = vault ? VaultSyntax() : nil
        for run in blocks.runs {
            InlineLinkScanner.scan(run, definitions: blocks.definitions, vault: &syntax, into: &links)
        }
        links.sort { $0.line < $1.line }
        return links
    }

    public static func links(in text: String, firstLine: Int = 1, vault: Bool = false) -> [Link] {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { links(in: UnsafeBufferPointer($0), firstLine: firstLine, vault: vault) }
    }
}
