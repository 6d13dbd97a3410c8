/// A corpus's problems in the order they were found. Links to missing pages (`wanted-link`)
/// are kept compactly — the file, the line and the target's bytes — and become `Problem`s only
/// when the list is read: a dump holds a million of them, and as problems each would carry a
/// message string of its own.
///
/// ```swift
/// var problems = ProblemList([duplicate])
/// problems.appendWantedLink(file: "a.md", line: 3, target: Array("gone".utf8)[...])
/// problems.map(\.description)   // [duplicate's, "a.md:3: wanted-link: link to \"gone\" matches no article"]
/// ```
public struct ProblemList: Sequence, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// Every problem that is not a wanted link.
    package private(set) var listed: [Problem]
    /// The files wanted links are in; consecutive links in one file share an entry.
    package private(set) var files: [String] = []
    /// Wanted link `w` is in `files[wantedFile[w]]` at `wantedLine[w]`, and its target is
    /// `targetBytes[targetEnd[w - 1] ..< targetEnd[w]]` (from 0 for the first).
    package private(set) var wantedFile: [Int32] = []
    package private(set) var wantedLine: [Int] = []
    package private(set) var targetEnd: [Int] = []
    package private(set) var targetBytes: [UInt8] = []
    /// The order of the two kinds: run `r` is the listed problems up to `runs[r].listed`, then
    /// the wanted links up to `runs[r].wanted`; the listed problems past the last run come last.
    package private(set) var runs: [Run] = []

    package struct Run: Sendable, Equatable {
        package var listed: Int
        package var wanted: Int

        package init(listed: Int, wanted: Int) {
            self.listed = listed
            self.wanted = wanted
        }
    }

    public init(_ problems: [Problem] = []) {
        listed = problems
    }

    public init(arrayLiteral problems: Problem...) {
        self.init(problems)
    }

    /// The parts as the on-disk index stores them, checked to fit together; nil when they do not.
    package init?(listed: [Problem], files: [String], wantedFile: [Int32], wantedLine: [Int], targetEnd: [Int], targetBytes: [UInt8], runs: [Run]) {
        let wanted = wantedFile.count
        guard wantedLine.count == wanted, targetEnd.count == wanted,
              wantedFile.allSatisfy({ $0 >= 0 && Int($0) < files.count }),
              zip([0] + targetEnd, targetEnd).allSatisfy({ $0 <= $1 }), (targetEnd.last ?? 0) == targetBytes.count,
              zip([Run(listed: 0, wanted: 0)] + runs, runs).allSatisfy({ $0.listed <= $1.listed && $0.wanted < $1.wanted }),
              (runs.last?.listed ?? 0) <= listed.count, (runs.last?.wanted ?? 0) == wanted
        else { return nil }
        self.listed = listed
        self.files = files
        self.wantedFile = wantedFile
        self.wantedLine = wantedLine
        self.targetEnd = targetEnd
        self.targetBytes = targetBytes
        self.runs = runs
    }

    public var count: Int { listed.count + wantedFile.count }
    public var isEmpty: Bool { count == 0 }
    public var underestimatedCount: Int { count }
    public var first: Problem? {
        var problems = makeIterator()
        return problems.next()
    }

    /// How many wanted links the list holds (each a `wanted-link` problem).
    public var wantedLinkCount: Int { wantedFile.count }

    public mutating func append(_ problem: Problem) {
        listed.append(problem)
    }

    public mutating func append(contentsOf problems: some Sequence<Problem>) {
        listed.append(contentsOf: problems)
    }

    public static func += (list: inout ProblemList, problems: some Sequence<Problem>) {
        list.append(contentsOf: problems)
    }

    /// Adds the `wanted-link` problem of a link in `file` at `line` whose target is `target`
    /// (as written, UTF-8).
    public mutating func appendWantedLink(file: String, line: Int, target: ArraySlice<UInt8>) {
        if files.last != file { files.append(file) }
        wantedFile.append(Int32(files.count - 1))
        wantedLine.append(line)
        targetBytes.append(contentsOf: target)
        targetEnd.append(targetBytes.count)
        if runs.last?.listed == listed.count {
            runs[runs.count - 1].wanted += 1
        } else {
            runs.append(Run(listed: listed.count, wanted: wantedFile.count))
        }
    }

    /// The problem of wanted link `w`.
    public func wantedLink(_ w: Int) -> Problem {
        let target = String(decoding: targetBytes[(w == 0 ? 0 : targetEnd[w - 1])..<targetEnd[w]], as: UTF8.self)
        return Self.wantedLink(file: files[Int(wantedFile[w])], line: wantedLine[w], target: target)
    }

    /// The problem of a link to `target` that matches no article.
    public static func wantedLink(file: String, line: Int, target: String) -> Problem {
        Problem(file: file, line: line, kind: .wantedLink, message: "link to \"\(target)\" matches no article")
    }

    /// The same problems in the same order, however they are stored.
    public static func == (a: ProblemList, b: ProblemList) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    /// The same problems as `problems`, in the same order.
    public static func == (a: ProblemList, b: [Problem]) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    public struct Iterator: IteratorProtocol {
        let list: ProblemList
        var run = 0, listed = 0, wanted = 0

        public mutating func next() -> Problem? {
            while true {
                let listedEnd = run < list.runs.count ? list.runs[run].listed : list.listed.count
                if listed < listedEnd {
                    listed += 1
                    return list.listed[listed - 1]
                }
                guard run < list.runs.count else { return nil }
                if wanted < list.runs[run].wanted {
                    wanted += 1
                    return list.wantedLink(wanted - 1)
                }
                run += 1
            }
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(list: self)
    }
}
