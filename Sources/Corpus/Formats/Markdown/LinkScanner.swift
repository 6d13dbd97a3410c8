import TermgraphCore
/// Finds every cross-link in a Markdown body: the one place that decides what counts as a link.
///
/// ```swift
/// LinkScanner.links(in: "See [settlement](/settlement) and [[clearing]].")
/// // [Link(target: "/settlement", text: "settlement", line: 1, kind: .inline), Link(target: "clearing", …, kind: .wikilink)]
/// ```
public enum LinkScanner {
    /// Links in `body`, whose first line is line `firstLine` of its file, in reading order; with
    /// `vault`, a vault note's links (embeds counted, `%%comments%%` skipped); with `patterns`,
    /// also the matches of `link_patterns` outside code, comments and links (`wikilinks: false`
    /// leaves `[[…]]` open to them).
    public static func links(in body: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, vault: Bool = false,
                             patterns: [LinkPattern] = [], wikilinks: Bool = true) -> [Link] {
        links(in: MarkdownBlocks(body, firstLine: firstLine), vault: vault, patterns: patterns, wikilinks: wikilinks)
    }

    /// The links of a body already split into blocks, which the anchors are read from too.
    static func links(in blocks: MarkdownBlocks, vault: Bool, patterns: [LinkPattern], wikilinks: Bool) -> [Link] {
        var links: [Link] = []
        var syntax = vault ? VaultSyntax() : nil
        for run in blocks.runs {
            var cover = patterns.isEmpty ? nil : LinkCover(wikilinks: wikilinks)
            InlineLinkScanner.scan(run, definitions: blocks.definitions, vault: &syntax, cover: &cover, into: &links)
            if let cover { PatternLinks.scan(run, cover: cover, patterns: patterns, into: &links) }
        }
        links.sort { $0.line < $1.line }
        return links
    }

    public static func links(in text: String, firstLine: Int = 1, vault: Bool = false,
                             patterns: [LinkPattern] = [], wikilinks: Bool = true) -> [Link] {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer {
            links(in: UnsafeBufferPointer($0), firstLine: firstLine, vault: vault, patterns: patterns, wikilinks: wikilinks)
        }
    }
}
