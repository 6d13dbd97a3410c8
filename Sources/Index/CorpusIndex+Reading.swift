import Foundation
import TermgraphCore
import TermgraphCorpus
import TermgraphLinking
import TermgraphStorage

extension CorpusIndex {
    /// A graph as the index gave it, and where its term tables are kept (nil when the graph
    /// could not be stored).
    package typealias IndexedGraph = (graph: CorpusGraph, terms: TermStore?)

    /// Every article of the corpus at `root`. Files unchanged since the index was written are
    /// taken from it instead of being read and parsed again, and the index is brought up to date.
    package func readCorpus(_ root: URL, with reader: CorpusReader) throws(CorpusReader.Failure) -> Corpus {
        let scan = reader.scan(root, configuration: try reader.readConfiguration(root))
        let cached = load(expecting: scan.configBytes)
        let stored = cached.records(matching: scan.files)
        let extracted = reader.extract(scan, reusing: Self.reuse(stored.records))
        // The stored graph is left as it is: its own fingerprint (and its racy files' contents)
        // decide whether it still holds, and throwing it away here would orphan its term tables.
        if !cached.recordsMatch(extracted.files, in: stored) { saveRecords(scan: Self.stamped(scan, extracted), records: extracted.records) }
        return extracted.corpus
    }

    /// The records the index holds for `scan`'s files under the stamps they have now (none whose
    /// stamp could not vouch for it): for a reader that holds the corpus itself, to start from.
    package func records(for scan: CorpusReader.Scan) -> [String: (FileStamp, ExtractedFile)] {
        load(expecting: scan.configBytes).records(matching: scan.files).records
    }

    /// The corpus's graph. When the fingerprint of the folder matches the stored one, the graph
    /// is read from the index without opening a single article; otherwise only the changed
    /// files are read again, and the index is rewritten with the new graph.
    ///
    /// With `trusting: false` nothing stored is used: every article is read again and the index
    /// rewritten, as after the index turned out damaged.
    package func readGraph(_ root: URL, with reader: CorpusReader, trusting: Bool = true) throws(CorpusReader.Failure) -> IndexedGraph {
        let configuration = try reader.readConfiguration(root)
        let cached = load(expecting: configuration.bytes)
        if trusting, let stored = cached.fingerprint, CorpusReader.walker(root: root, config: configuration.config).fingerprint() == stored,
           Self.unchanged(cached.racyFiles, in: root, config: configuration.config),
           let (graph, terms) = cached.graph(config: configuration.config, scanProblems: configuration.problems) {
            return (graph, terms)
        }
        let scan = reader.scan(root, configuration: configuration)
        var extracted = reader.extract(scan, reusing: trusting ? Self.reuse(cached.records(matching: scan.files).records) : { _, _ in nil })
        let stored = Self.stamped(scan, extracted)
        let racy = extracted.racy.map { RacyFile(path: $0.path, checksum: $0.checksum) }
        // The records are written and let go of first: the corpus is then the articles' only
        // holder, and the graph is built letting go of each article's links once it is linked.
        saveRecords(scan: stored, records: extracted.records)
        extracted.records = []
        let corpus = extracted.corpus
        extracted.corpus.articles = []
        // Consumed, not copied: were `corpus` still holding the articles, the builder could not
        // let go of their links as it goes.
        let graph = CorpusGraph(consume corpus)
        return (graph, saveGraph((graph, scan.problems.count), scan: stored, racy: racy))
    }

    /// The scan with each file under the stamp of what was read from it: what records and the
    /// stored graph's fingerprint must be written under.
    private static func stamped(_ scan: CorpusReader.Scan, _ extracted: CorpusReader.Extraction) -> CorpusReader.Scan {
        var stamped = scan
        stamped.files = extracted.files
        return stamped
    }

    /// Whether every racy file still holds the bytes the stored graph was built from: read again
    /// and compared by checksum (git's rule for racy files), since its stamp cannot tell.
    static func unchanged(_ racy: [RacyFile], in root: URL, config: CorpusConfig) -> Bool {
        let limit = CorpusReader.formats(for: config).map(\.maximumFileBytes).max() ?? 0
        return racy.allSatisfy { file in
            guard let checksum = file.checksum,
                  let bytes = try? FileReader(limit: limit).read(root.path + "/" + file.path) else { return false }
            return bytes.withUnsafeBytes(Checksum.of) == checksum
        }
    }

    /// The reuse hook for the corpus reader: a file's stored record, when its stamp still matches.
    private static func reuse(_ records: [String: (FileStamp, ExtractedFile)]) -> @Sendable (String, FileStamp) -> ExtractedFile? {
        { path, stamp in
            guard let (stored, record) = records[path], stored == stamp else { return nil }
            return record
        }
    }
}
