import Foundation
import TermgraphExport
import TermgraphGraph
import Testing
import TestSupport

/// A 20 KB title (past Graphviz's 16 KB string limit) and a title of every control character
/// give files every reader can read, in every format that needs no other program.
@Suite struct LongAndControlTitleTests {
    static let long = String(repeating: "مكتب \"خلفي\" \\ ", count: 20 * 1024 / 22 + 1)
    static let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar($0)! } + [Unicode.Scalar(0x7F)!]))
    /// What a reader must see of `controls`: tab, line feed and carriage return survive.
    static let cleanedControls = "\t\n\r\u{7F}"

    private func graph() -> KnowledgeGraph {
        let nodes = [Node(slug: "long", key: "long", title: Self.long, description: Self.long, aliases: [Self.long]),
                     Node(slug: "ctl", key: "ctl", title: Self.controls, description: Self.controls, keywords: [Self.controls])]
        return KnowledgeGraph(nodes: nodes, edges: [EdgeRecord(source: 0, target: 1, anchors: [Self.long]),
                                                  EdgeRecord(source: 1, target: 0, anchors: [Self.controls])], title: Self.controls)
    }

    @Test func theLongTitleIsOver16KB() {
        #expect(Self.long.utf8.count > 20 * 1024)
    }

    @Test func dotSplitsEveryStringGraphvizCouldNotReadAndKeepsAllOfIt() throws {
        let text = String(decoding: try DOTExporter().bytes(graph()), as: UTF8.self)
        // Every quoted piece is below the limit, and the pieces of the label join to the title.
        var pieces: [String] = [], current = "", inside = false, escaped = false
        for ch in text {
            if inside {
                if escaped { current.append(ch); escaped = false } else if ch == "\\" { current.append(ch); escaped = true }
                else if ch == "\"" { pieces.append(current); current = ""; inside = false } else { current.append(ch) }
            } else if ch == "\"" { inside = true }
        }
        #expect(pieces.allSatisfy { $0.utf8.count <= 8 * 1024 })
        let labelStart = try #require(text.range(of: "\"long\" [label="))
        let statement = text[labelStart.upperBound...].prefix { $0 != "\n" }
        let joined = statement.components(separatedBy: ", tooltip=")[0].split(separator: "\" + \"", omittingEmptySubsequences: false).joined()
        let escapedTitle = Self.long.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        #expect(joined == "\"" + escapedTitle + "\"")
        #expect(text.contains("\"ctl\" [label=\"\\n\", tooltip=\"\\n\""))
    }

    @Test func jsonCarriesBothTitles() throws {
        let data = try #require(try JSONSerialization.jsonObject(with: Data(try JSONExporter().bytes(graph()))) as? [String: Any])
        let labels = (data["nodes"] as? [[String: Any]] ?? []).map { $0["label"] as? String }
        #expect(labels == [Self.cleanedControls, Self.long])
    }

    @Test(.enabled(if: SharedFolder.isPresent, SharedFolder.skipMessage))
    func xmlFormatsStaySchemaValid() throws {
        let graphml = SharedFolder.url.appendingPathComponent("schemas/graphml/graphml.xsd").path
        let gexf = SharedFolder.url.appendingPathComponent("schemas/gexf/gexf.xsd").path
        #expect(XMLSchemaValidator(schemaPath: graphml).validate(try GraphMLExporter().bytes(graph())) == [])
        #expect(XMLSchemaValidator(schemaPath: gexf).validate(try GEXFExporter().bytes(graph())) == [])
    }

    @Test func csvFieldsParseBackToTheCleanedText() throws {
        let rows = parseCSV(String(decoding: try Neo4jExporter().bytes(graph(), file: 0), as: UTF8.self))
        #expect(rows.count == 3)
        #expect(rows.map(\.count) == [10, 10, 10])
        #expect(rows[1][0] == "ctl" && rows[1][1] == Self.cleanedControls && rows[1][3] == Self.cleanedControls)
        #expect(rows[2][0] == "long" && rows[2][1] == Self.long && rows[2][4] == Self.long)
    }

    @Test func turtleLiteralsHoldNoRawLineEnds() throws {
        let text = String(decoding: try SKOSExporter().bytes(graph()), as: UTF8.self)
        #expect(text.contains("skos:prefLabel \"\\t\\n\\r\u{7F}\" ;"))
        let escapedTitle = Self.long.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        #expect(text.contains("skos:prefLabel \"\(escapedTitle)\" ;"))
        // The long alias is the title: not an altLabel (S13).
        #expect(!text.contains("skos:altLabel"))
    }

    /// RFC 4180, as the test reads it: fields split at `,` outside quotes, `""` a quote, rows at LF.
    private func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(ch) }
            } else if ch == "\"" { quoted = true }
            else if ch == "," { row.append(field); field = "" }
            else if ch == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(ch) }
        }
        return rows
    }
}
