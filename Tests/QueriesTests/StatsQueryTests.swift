import Foundation
import TermgraphQueries
import Testing
import TestSupport

/// The category matrix of `stats`: every category a row, and in a row only the columns it has
/// edges to, so that N categories cost N, not N² (4,000 categories took 0.5 GB, 200,000 ended
/// the process). The time limit is a hang guard, not a performance assertion.
@Suite(.timeLimit(.minutes(1))) struct StatsQueryTests {
    private func matrixJSON(_ files: [String: String]) throws -> [String: [String: Int]] {
        let corpus = try TemporaryCorpus(files)
        defer { corpus.remove() }
        let answer = try StatsQuery().run(in: Workspace(root: corpus.url, useIndex: false))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(answer)) as! [String: Any]
        return json["category_matrix"] as! [String: [String: Int]]
    }

    @Test func onlyCellsThatAreNotZeroAreListed() throws {
        let matrix = try matrixJSON([
            "termgraph.yml": "categories:\n  front: f\n  middle: m\n  back: b\n",
            "f.md": "---\noffice: front\n---\n[m](/m)\n",
            "m.md": "---\noffice: middle\n---\n[b](/b)\n",
            "m2.md": "---\noffice: middle\n---\n[m](/m)\n",
            "b.md": "---\noffice: back\n---\nNo links.\n",
        ])
        #expect(matrix == ["front": ["middle": 1], "middle": ["middle": 1, "back": 1], "back": [:]])
    }

    @Test func thousandsOfCategoriesMakeOneCellEach() throws {
        let n = 5_000
        var files = ["termgraph.yml": "categories:\n" + (0..<n).map { "  c\($0): h\($0)\n" }.joined()]
        for i in 0..<n { files["h\(i).md"] = "[next](/h\((i + 1) % n))\n" }
        let matrix = try matrixJSON(files)
        #expect(matrix == Dictionary(uniqueKeysWithValues: (0..<n).map { ("c\($0)", ["c\(($0 + 1) % n)": 1]) }))
    }
}
