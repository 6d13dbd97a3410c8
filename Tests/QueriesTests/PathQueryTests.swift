import TermgraphQueries
import Testing
import TestSupport

@Suite struct PathQueryTests {
    /// Each listed path is held in memory and printed, and a graph can have 2⁴⁰ of them: a
    /// limit above 10,000 (the contract's bound for a server) is a bad parameter.
    @Test func theLimitIsBounded() throws {
        let corpus = try TemporaryCorpus(["a.md": "[b](/b) [c](/c)\n", "b.md": "[d](/d)\n", "c.md": "[d](/d)\n", "d.md": "# D\n"])
        defer { corpus.remove() }
        let workspace = Workspace(root: corpus.url, useIndex: false)
        let found = try PathQuery(.terms("a", "d"), all: true, limit: PathQuery.maximumLimit).run(in: workspace)
        #expect(found.paths.map { $0.map(\.slug) } == [["a", "b", "d"], ["a", "c", "d"]])
        for limit in [0, 10_001, Int.max] {
            #expect(throws: QueryError.badParameter("limit must be from 1 to 10000, not \(limit)")) {
                try PathQuery(.terms("a", "d"), all: true, limit: limit).run(in: workspace)
            }
        }
    }
}
