import Foundation
import TermgraphGraph

/// What the corpus says about where its articles live, for the formats that link to them
/// (SVG) or name them (SKOS). Taken from `termgraph.yml`; every field may be absent.
///
/// ```swift
/// ExportSettings(site: "https://example.com/terms/", corpusFolder: URL(fileURLWithPath: "corpus"))
/// ```
public struct ExportSettings: Sendable {
    /// Absolute URLs under this prefix are the articles' pages (`site` + slug).
    public var site: String?
    /// The base IRI of SKOS concepts; nil falls back to `site`, then `urn:x-termgraph:`.
    public var iri: String?
    /// The corpus root, so that a picture can link to an article's file when there is no site.
    public var corpusFolder: URL?
    /// Each category's hub slug as `termgraph.yml` declares it, by category index.
    public var hubs: [String?]

    public init(site: String? = nil, iri: String? = nil, corpusFolder: URL? = nil, hubs: [String?] = []) {
        self.site = site
        self.iri = iri
        self.corpusFolder = corpusFolder
        self.hubs = hubs
    }
}

/// Everything a writer reads besides the graph: the ids and attribute names every format
/// shares (made once for all of them), the corpus settings, and where the file goes.
public struct ExportContext: Sendable {
    public let ids: NodeIdentifiers
    public let names: AttributeNames
    public let settings: ExportSettings
    /// The folder the file is written in, for links relative to it; nil for standard output
    /// (links are then relative to the current folder).
    public var outputFolder: URL?

    public init(_ graph: KnowledgeGraph, settings: ExportSettings = ExportSettings(), ids: NodeIdentifiers? = nil,
                names: AttributeNames? = nil, outputFolder: URL? = nil) {
        self.ids = ids ?? NodeIdentifiers(graph)
        self.names = names ?? AttributeNames(graph)
        self.settings = settings
        self.outputFolder = outputFolder
    }
}
