import Foundation
@_spi(Fuzzing) import TermgraphIndex

/// The on-disk index's decoders on any bytes: whatever a file holds, reading it as graph.bin,
/// articles.bin or terms.bin either takes it or refuses it, and touching all of a taken graph
/// never traps (a damaged record raises the damage flag instead).
///
/// The first byte picks the file (its value modulo 3) and, for articles.bin and terms.bin, whether
/// the rest is given as it is (high bit set) or with its trailing checksum made right, so that the
/// mutations reach the decoding behind the check and not only the check.
///
/// `TERMGRAPH_FUZZ_INDEX_FILE=graph|articles|terms` pins the file, so that one campaign's
/// executions all go to one decoder (the first byte then only chooses sealing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndex(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard size > 0, let data else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    let file = pinnedFile ?? IndexFileDecoding.File.allCases[Int(input[0]) % 3]
    var bytes = Array(input.dropFirst())
    if file != .graph && input[0] & 0x80 == 0 { bytes = IndexFileDecoding.sealed(bytes) }
    _ = IndexFileDecoding.decode(bytes, as: file, in: folder)
    return 0
}

/// The file named by `TERMGRAPH_FUZZ_INDEX_FILE`, if any; a name that is not one stops the run.
private let pinnedFile: IndexFileDecoding.File? = {
    guard let name = ProcessInfo.processInfo.environment["TERMGRAPH_FUZZ_INDEX_FILE"], !name.isEmpty else {
        return nil
    }
    let files: [String: IndexFileDecoding.File] = ["graph": .graph, "articles": .articles, "terms": .terms]
    guard let file = files[name] else {
        fatalError("TERMGRAPH_FUZZ_INDEX_FILE must be graph, articles or terms, not '\(name)'")
    }
    return file
}()

/// An index folder of this process's own, in memory where the system has one.
private let folder: URL = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let url = URL(fileURLWithPath: base).appendingPathComponent("termgraph-fuzz-index-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()
