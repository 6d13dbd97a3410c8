// One import for clients of the library: `import TermgraphKit` brings every public stage.
@_exported import TermgraphCorpus
@_exported import TermgraphExport
@_exported import TermgraphGraph
@_exported import TermgraphIndex
@_exported import TermgraphLinking
@_exported import TermgraphQueries
@_exported import TermgraphTerms
