import Foundation
import TermgraphCore
import TermgraphCorpus
import TermgraphGraph
import TermgraphStorage
import TermgraphTerms

/// Reading one index file from given bytes through the code a query runs, and touching all a
/// query could read: the fuzz targets' way in (they are a package of their own, so they reach
/// it as SPI, not as `package` API).
@_spi(Fuzzing) public enum IndexFileDecoding {
    public enum File: Int, CaseIterable, Sendable {
        case graph, articles, terms

        var name: String { ["graph.bin", "articles.bin", "terms.bin"][rawValue] }
    }

    /// Writes `bytes` as `file` into `folder` (an index folder of the caller's) and reads it as a
    /// query would, under the configuration the file says it was made for. True when the file
    /// was taken (it checked out), false when it was refused; never a trap.
    public static func decode(_ bytes: [UInt8], as file: File, in folder: URL) -> Bool {
        let index = CorpusIndex(folder: folder)
        let path = folder.appendingPathComponent(file.name)
        guard (try? Data(bytes).write(to: path)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: path) }
        let (configBytes, stamp) = peek(bytes)
        let cached = index.load(expecting: configBytes)
        switch file {
        case .graph:
            guard let (built, _) = cached.graph(config: CorpusConfig(), scanProblems: []) else { return false }
            touch(built.graph)
            return true
        case .articles:
            let records = cached.records
            for (_, (_, record)) in records {
                for article in record.articles {
                    _ = (article.key, article.pathKey, article.title, article.attributes.count)
                    for link in article.links { _ = (link.target, link.text, link.line) }
                }
            }
            return !records.isEmpty
        case .terms:
            guard let (fingerprint, build) = stamp else { return false }
            let store = CorpusIndex.TermStore(index: index, configBytes: configBytes, fingerprint: fingerprint, build: build)
            guard let terms = store.load(nodeCount: 1 << 20) else { return false }
            for term in ["", "a", "مكتب", "المكتب الأمامي", "x/y"] { _ = terms.resolve(term) }
            return true
        }
    }

    /// `bytes` with their trailing checksum made right for a file whose one section runs to its
    /// end (articles.bin, terms.bin): mutated content that passes the check, so that what is
    /// fuzzed is the decoding behind it.
    public static func sealed(_ bytes: [UInt8]) -> [UInt8] {
        var reader = ByteReader(bytes)
        guard (try? reader.readBytes(CorpusIndex.magic.count)) != nil, (try? reader.readInt()) != nil,
              bytes.count - reader.position >= 8 else { return bytes }
        var sealed = bytes
        let value = bytes[reader.position..<(bytes.count - 8)].withUnsafeBytes(Checksum.of)
        withUnsafeBytes(of: value.littleEndian) { sealed.replaceSubrange((bytes.count - 8)..., with: $0) }
        return sealed
    }

    /// The configuration bytes and the stamp a file's header holds, read without checking.
    private static func peek(_ bytes: [UInt8]) -> ([UInt8]?, (FolderFingerprint, UInt64)?) {
        var reader = ByteReader(bytes)
        do throws(ByteReader.Corrupt) {
            _ = try reader.readBytes(CorpusIndex.magic.count)
            _ = try reader.readInt()
            let configBytes = try reader.readBool() ? try reader.readBytes(try reader.readCount(max: reader.remaining)) : nil
            return (configBytes, try? CorpusIndex(folder: URL(fileURLWithPath: "/")).readStamp(&reader))
        } catch {
            return (nil, nil)
        }
    }

    /// Everything a query can ask of a graph: every node, every anchor list, the edges both ways.
    private static func touch(_ graph: KnowledgeGraph) {
        for v in 0..<graph.nodeCount {
            _ = (graph.nodes[v].slug, graph.nodes.key(v), graph.nodes.isStub(v), graph.nodes.category(v))
            _ = (graph.successors(of: v).count, graph.predecessors(of: v).count)
        }
        for e in 0..<graph.edgeCount { _ = graph.edgeAnchors[e] }
        if graph.nodeCount > 0 {
            _ = graph.neighbors(of: 0, depth: 2, direction: .both)
            _ = graph.shortestPaths(from: [0], to: [graph.nodeCount - 1], undirected: true, limit: 3)
            _ = graph.index(ofKey: graph.nodes.key(graph.nodeCount / 2))
        }
        _ = graph.terms(.orphan)
        _ = graph.categoryMatrix()
        _ = graph.isDamaged
    }
}
