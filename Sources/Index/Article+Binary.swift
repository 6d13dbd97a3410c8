import TermgraphCore
import TermgraphCorpus

extension Article {
    func encode(to writer: inout ByteWriter) {
        writer.write(path)
        writer.write(source.line)
        writer.write(slug)
        writer.write(pathSlug)
        writer.write(title)
        writer.write(description)
        writer.write(keywords)
        writer.write(aliases)
        writer.write(category)
        writer.write(namedValues: attributes)
        writer.write(links.count)
        // Straight from the packed bytes: the same encoding as writing each link's strings.
        for link in links.entries {
            writer.write(link.targetText.count)
            writer.append(contentsOf: link.targetText)
            writer.write(link.anchorText.count)
            writer.append(contentsOf: link.anchorText)
            writer.write(link.line)
            writer.write(Int(link.kind.code))
        }
        writer.write(anchors.packed)
    }

    init(from reader: inout ByteReader) throws(ByteReader.Corrupt) {
        let path = try reader.readString(), startLine = try reader.readInt()
        let slug = try reader.readString(), pathSlug = try reader.readString()
        let title = try reader.readString(), description = try reader.readOptionalString()
        let keywords = try reader.readStrings(), aliases = try reader.readStrings()
        let category = try reader.readOptionalString()
        let attributes: [ArticleAttribute] = try reader.readNamedValues()
        let count = try reader.readCount()
        var links: [Link] = []
        for _ in 0..<count {
            let target = try reader.readString(), text = try reader.readString(), line = try reader.readInt()
            let code = try reader.readInt()
            guard (0...255).contains(code), let kind = Link.Kind(code: UInt8(code)) else { throw ByteReader.Corrupt() }
            links.append(Link(target: target, text: text, line: line, kind: kind))
        }
        let anchors = AnchorSet(packed: try reader.readString())
        self.init(path: path, line: startLine, slug: slug, pathSlug: pathSlug, title: title, description: description, keywords: keywords,
                  aliases: aliases, category: category, attributes: attributes, links: links, anchors: anchors)
    }
}

extension Problem {
    func encode(to writer: inout ByteWriter) {
        writer.write(file)
        writer.write(line ?? -1)
        writer.write(kind.rawValue)
        writer.write(message)
    }

    init(from reader: inout ByteReader) throws(ByteReader.Corrupt) {
        let file = try reader.readString(), line = try reader.readInt()
        guard let kind = Kind(rawValue: try reader.readString()) else { throw ByteReader.Corrupt() }
        self.init(file: file, line: line >= 0 ? line : nil, kind: kind, message: try reader.readString())
    }
}

extension ProblemList {
    /// The problems past the first `skipping` listed ones (a scan's own, stored apart), wanted
    /// links as compactly as the list keeps them.
    func encode(to writer: inout ByteWriter, skipping: Int) {
        writer.write(listed.count - skipping)
        for problem in listed.dropFirst(skipping) { problem.encode(to: &writer) }
        writer.write(files)
        writer.write(wantedFile)
        for line in wantedLine { writer.write(line) }
        var previous = 0
        for end in targetEnd {
            writer.write(end - previous)
            previous = end
        }
        writer.write(targetBytes.count)
        writer.append(targetBytes)
        writer.write(runs.count)
        for run in runs {
            writer.write(run.listed - skipping)
            writer.write(run.wanted)
        }
    }

    /// Problems stored by `encode(to:skipping:)`, after `front` (the scan's own problems).
    init(from reader: inout ByteReader, after front: [Problem]) throws(ByteReader.Corrupt) {
        var listed = front
        for _ in 0..<(try reader.readCount()) { listed.append(try Problem(from: &reader)) }
        let files = try reader.readStrings()
        let wantedFile = try reader.readInt32s()
        var wantedLine: [Int] = [], targetEnd: [Int] = []
        wantedLine.reserveCapacity(wantedFile.count)
        targetEnd.reserveCapacity(wantedFile.count)
        for _ in wantedFile { wantedLine.append(try reader.readInt()) }
        var end = 0
        for _ in wantedFile {
            end += try reader.readCount(max: Int.max)
            targetEnd.append(end)
        }
        let targetBytes = try reader.readBytes(try reader.readCount(max: Int.max))
        var runs: [Run] = []
        for _ in 0..<(try reader.readCount()) {
            runs.append(Run(listed: try reader.readCount() + front.count, wanted: try reader.readCount()))
        }
        guard let list = ProblemList(listed: listed, files: files, wantedFile: wantedFile, wantedLine: wantedLine,
                                     targetEnd: targetEnd, targetBytes: targetBytes, runs: runs)
        else { throw ByteReader.Corrupt() }
        self = list
    }
}

extension ExtractedFile {
    /// What a file gave, under a code that stays the same for each case.
    func encode(to writer: inout ByteWriter) {
        switch self {
        case .notAnArticle:
            writer.write(0)
        case .article(let article):
            writer.write(1)
            article.encode(to: &writer)
        case .problem(let problem):
            writer.write(2)
            problem.encode(to: &writer)
        case .articles(let articles, let problems):
            writer.write(3)
            writer.write(articles.count)
            for article in articles { article.encode(to: &writer) }
            writer.write(problems.count)
            for problem in problems { problem.encode(to: &writer) }
        }
    }

    init(from reader: inout ByteReader) throws(ByteReader.Corrupt) {
        switch try reader.readInt() {
        case 0: self = .notAnArticle
        case 1: self = .article(try Article(from: &reader))
        case 2: self = .problem(try Problem(from: &reader))
        case 3:
            var articles: [Article] = []
            for _ in 0..<(try reader.readCount()) { articles.append(try Article(from: &reader)) }
            var problems: [Problem] = []
            for _ in 0..<(try reader.readCount()) { problems.append(try Problem(from: &reader)) }
            self = .articles(articles, problems: problems)
        default: throw ByteReader.Corrupt()
        }
    }

    /// Reads past a record without keeping it: a dump's record is as large as the dump's
    /// articles, and one whose file changed is never used, so its articles are decoded (and
    /// checked) one at a time and dropped.
    static func skip(_ reader: inout ByteReader) throws(ByteReader.Corrupt) {
        var peek = reader
        guard try peek.readInt() == 3 else {
            _ = try ExtractedFile(from: &reader)
            return
        }
        reader = peek
        for _ in 0..<(try reader.readCount()) { _ = try Article(from: &reader) }
        for _ in 0..<(try reader.readCount()) { _ = try Problem(from: &reader) }
    }
}

extension ArticleAttribute: NamedValue {
    package var text: String? {
        if case .text(let text) = value { return text }
        return nil
    }

    package var list: [String] {
        if case .list(let items) = value { return items }
        return []
    }

    package init(name: String, text: String) {
        self.init(name: name, value: .text(text))
    }

    package init(name: String, list: [String]) {
        self.init(name: name, value: .list(list))
    }
}
