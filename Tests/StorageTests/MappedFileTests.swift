import Foundation
import TermgraphStorage
import Testing
import TestSupport

@Suite struct MappedFileTests {
    /// Another program rewriting a mapped index file in place (`cp`, `rsync --inplace`) cuts it
    /// short under the mapping. Reading the pages that are gone must not end the process: they
    /// read as zeros, and `disturbances` tells the reader its bytes cannot be trusted.
    @Test func aFileCutShortUnderItsMappingReadsAsZerosAndIsNoticed() throws {
        let corpus = try TemporaryCorpus([:])
        defer { corpus.remove() }
        let file = corpus.url.appendingPathComponent("graph.bin")
        let size = 64 * 1024
        try Data(repeating: 0xAB, count: size).write(to: file)
        let buffer = try #require(MappedFile.map(file.path))
        #expect(buffer.bytes[size - 1] == 0xAB)
        let before = MappedFile.disturbances
        #expect(truncate(file.path, 0) == 0)
        #expect(buffer.bytes[size - 1] == 0, "a missing page reads as zeros")
        #expect(buffer.bytes[0] == 0)
        #expect(MappedFile.disturbances > before)
    }

    /// Rewritten in place at the same size, within one tick of a coarse file clock (ext2, ext4
    /// before Linux 6.13), a file keeps its stamp and every page it had: only the open for
    /// writing can tell. The count moves at that open, before a byte is written.
    @Test func aMappedFileOpenedForWritingIsNoticedBeforeItChanges() throws {
        let corpus = try TemporaryCorpus([:])
        defer { corpus.remove() }
        let file = corpus.url.appendingPathComponent("graph.bin")
        try Data(repeating: 0xAB, count: 8192).write(to: file)
        let buffer = try #require(MappedFile.map(file.path))
        let before = MappedFile.disturbances
        let writer = open(file.path, O_WRONLY)
        try #require(writer >= 0)
        defer { close(writer) }
        // (Other suites disturb files of their own meanwhile: the count is the process's.)
        #expect(MappedFile.disturbances > before, "counted when the file is opened, nothing written yet")
        let byte: UInt8 = 0xCD
        #expect(withUnsafeBytes(of: byte) { pwrite(writer, $0.baseAddress, 1, 100) } == 1)
        #expect(buffer.bytes[100] == 0xCD, "the mapping shows the new byte: why the count must move first")
    }

    /// A file that another program holds open for writing takes no lease: it is read into
    /// memory instead, and what that program writes afterwards does not reach the copy.
    @Test func aFileOpenForWritingIsCopiedNotMapped() throws {
        let corpus = try TemporaryCorpus([:])
        defer { corpus.remove() }
        let file = corpus.url.appendingPathComponent("graph.bin")
        try Data(repeating: 0xAB, count: 8192).write(to: file)
        let writer = open(file.path, O_WRONLY)
        try #require(writer >= 0)
        defer { close(writer) }
        let buffer = try #require(MappedFile.map(file.path))
        let byte: UInt8 = 0xCD
        #expect(withUnsafeBytes(of: byte) { pwrite(writer, $0.baseAddress, 1, 100) } == 1)
        #expect(buffer.bytes.count == 8192)
        #expect(buffer.bytes[100] == 0xAB)
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
