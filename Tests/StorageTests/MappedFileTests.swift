import Foundation
import TermgraphStorage
import Testing
import TestSupport

@Suite struct MappedFileTests {
    /// Another program rewriting a mapped index file in place (`cp`, `rsync --inplace`) cuts it
    /// short under the mapping. Reading the pages that are gone must not end the process: they
    /// read as zeros, and `missingPages` tells the reader its bytes cannot be trusted.
    @Test func aFileCutShortUnderItsMappingReadsAsZerosAndIsNoticed() throws {
        let corpus = try TemporaryCorpus([:])
        defer { corpus.remove() }
        let file = corpus.url.appendingPathComponent("graph.bin")
        let size = 64 * 1024
        try Data(repeating: 0xAB, count: size).write(to: file)
        let buffer = try #require(MappedFile.map(file.path))
        #expect(buffer.bytes[size - 1] == 0xAB)
        let before = MappedFile.missingPages
        #expect(truncate(file.path, 0) == 0)
        #expect(buffer.bytes[size - 1] == 0, "a missing page reads as zeros")
        #expect(buffer.bytes[0] == 0)
        #expect(MappedFile.missingPages > before)
    }

    @Test func linksAndFIFOsAreNeverMapped() throws {
        let corpus = try TemporaryCorpus(["real.bin": "x"])
        defer { corpus.remove() }
        let root = corpus.url.path
        try FileManager.default.createSymbolicLink(atPath: root + "/link.bin", withDestinationPath: root + "/real.bin")
        #expect(mkfifo(root + "/fifo.bin", 0o644) == 0)
        #expect(MappedFile.map(root + "/real.bin") != nil)
        #expect(MappedFile.map(root + "/link.bin") == nil)
        #expect(MappedFile.map(root + "/fifo.bin") == nil, "refused at once, not waited on")
    }
}
