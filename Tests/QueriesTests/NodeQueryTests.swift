import Foundation
import TermgraphQueries
import Testing
import TestSupport

@Suite struct NodeQueryTests {
    /// Links out and in come with their weight, anchor texts and every file:line they are
    /// written at; self-links, external links and images are no link of the node.
    @Test func linksOutAndInWithWhereEachIsWritten() throws {
        let corpus = try TemporaryCorpus([
            "a.md": "---\ntitle: Alpha\nowner: desk\n---\n[to b](/b)\n\n[again](b) [self](/a) [out](https://x.org) ![img](/b)\n[[missing]]\n",
            "b.md": "# Beta\n[back to a](/a)\n",
            "c.md": "# Gamma\nsee [alpha](/a)\n",
        ])
        defer { corpus.remove() }
        let workspace = Workspace(root: corpus.url, useIndex: false)
        let a = try NodeQuery(term: "Alpha").run(in: workspace)
        #expect(a.slug == "a" && a.title == "Alpha" && !a.stub && a.path == "a.md")
        #expect(a.out.map(\.slug) == ["b", "missing"])
        #expect(a.out[0].weight == 2 && a.out[0].anchors == ["to b", "again"])
        #expect(a.out[0].occurrences.map { "\($0.file):\($0.line)" } == ["a.md:5", "a.md:7"])
        #expect(a.out[1].stub && a.out[1].occurrences.map(\.line) == [8])
        #expect(a.in.map(\.slug) == ["b", "c"])
        #expect(a.in.map { $0.occurrences.map { "\($0.file):\($0.line)" } } == [["b.md:2"], ["c.md:2"]])
        let json = String(decoding: try AnswerJSON.encode(a), as: UTF8.self)
        #expect(json.contains("\"attributes\" : {\n    \"owner\" : \"desk\"\n  }"))
    }

    @Test func anUnknownTermIsTheContractsErrorObject() throws {
        let corpus = try TemporaryCorpus(["settlement.md": "# Settlement\n"])
        defer { corpus.remove() }
        let workspace = Workspace(root: corpus.url, useIndex: false)
        #expect(throws: QueryError.unknownTerm("qqqq", suggestions: [])) { try NodeQuery(term: "qqqq").run(in: workspace) }
        do {
            _ = try NodeQuery(term: "qqqq").run(in: workspace)
        } catch {
            let answer = ErrorAnswer(error)
            #expect(answer.status == 404)
            #expect(String(decoding: try AnswerJSON.encode(answer), as: UTF8.self) == """
                {
                  "error" : {
                    "candidates" : [

                    ],
                    "kind" : "unknown-term",
                    "message" : "no term \\"qqqq\\"",
                    "suggestions" : [

                    ]
                  }
                }

                """)
        }
    }
}
