import TermgraphExport
import TermgraphKit

/// `check`'s reports for CI: JUnit XML and GitHub workflow commands.
enum CheckReport {
    /// JUnit XML: one test suite per file with problems, one failed test case per problem; a
    /// clean corpus is one suite with one passed case, so that a CI report shows the check ran.
    static func junit(_ problems: [Problem], baselined: Int) -> String {
        var files: [String] = []
        var byFile: [String: [Problem]] = [:]
        for problem in problems {
            if byFile[problem.file] == nil { files.append(problem.file) }
            byFile[problem.file, default: []].append(problem)
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"termgraph check\" tests=\"\(max(problems.count, 1))\" failures=\"\(problems.count)\">\n"
        if problems.isEmpty {
            out += "  <testsuite name=\"termgraph check\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
            let note = baselined > 0 ? "no new problems; \(baselined) in the baseline" : "no problems"
            out += "    <testcase classname=\"termgraph check\" name=\"\(xml(note))\"/>\n  </testsuite>\n"
        }
        for file in files {
            let list = byFile[file]!
            out += "  <testsuite name=\"\(xml(file))\" tests=\"\(list.count)\" failures=\"\(list.count)\" errors=\"0\" skipped=\"0\">\n"
            for problem in list {
                let name = "\(problem.line.map { "line \($0): " } ?? "")\(problem.kind.rawValue)"
                out += "    <testcase classname=\"\(xml(file))\" name=\"\(xml(name))\" file=\"\(xml(file))\""
                if let line = problem.line { out += " line=\"\(line)\"" }
                out += ">\n      <failure type=\"\(problem.kind.rawValue)\" message=\"\(xml(problem.message))\">"
                out += xml(problem.description) + "</failure>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// GitHub workflow commands, `::error file=F,line=L,title=KIND::MESSAGE`, one per problem,
    /// escaped as the runner expects (`%`, CR and LF in the message; also `:` and `,` in
    /// properties).
    static func github(_ problems: [Problem]) -> String {
        problems.map { problem in
            var properties = ["file=\(property(problem.file))"]
            if let line = problem.line { properties.append("line=\(line)") }
            properties.append("title=\(property("termgraph \(problem.kind.rawValue)"))")
            return "::error \(properties.joined(separator: ","))::\(data(problem.message))\n"
        }.joined()
    }

    private static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// Text for a double-quoted XML attribute (or element content), escaped as every export
    /// escapes it.
    private static func xml(_ text: String) -> String {
        var out: [UInt8] = []
        XMLText.append(text, attribute: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
