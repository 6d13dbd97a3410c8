import TermgraphCore
import TermgraphStorage
import TermgraphTerms

extension CorpusIndex {
    /// Where the term tables of one stored graph are kept: built once, on the first lookup that
    /// needs them, and tied to that graph by its build number.
    package struct TermStore: Sendable {
        let index: CorpusIndex
        let configBytes: [UInt8]?
        let fingerprint: FolderFingerprint
        let build: UInt64

        package func load(nodeCount: Int) -> TermIndex? {
            guard let buffer = index.map(index.termsFile) else { return nil }
            var reader = ByteReader(buffer)
            do throws(ByteReader.Corrupt) {
                try index.readHeader(&reader, configBytes: configBytes)
                try reader.verifySectionToEnd()
                guard try index.readStamp(&reader) == (fingerprint, build) else { return nil }
                let terms = try TermIndex(from: &reader, nodeCount: nodeCount)
                try reader.endSection()
                return terms
            } catch {
                return nil
            }
        }

        package func save(_ terms: TermIndex) {
            index.write(index.termsFile) { writer in
                index.writeHeader(&writer, configBytes: configBytes)
                index.writeStamp(&writer, fingerprint: fingerprint, build: build)
                terms.encode(to: &writer)
            }
        }
    }
}
