import Graph

extension Article {
    func encode(to writer: inout ByteWriter) {
        writer.write(path)
        writer.write(slug)
        writer.write(pathSlug)
        writer.write(title)
        writer.write(description)
        writer.write(keywords)
        writer.write(aliases)
        writer.write(category)
        NodeAttribute.encode(attributes, to: &writer)
        writer.write(links.count)
        // Straight from the packed bytes: the same encoding as writing each link's strings.
        for i in links.indices {
            let target = links.targetText(i), text = links.anchorText(i)
            writer.write(target.count)
            writer.append(contentsOf: target)
            writer.write(text.count)
            writer.append(contentsOf: text)
            writer.write(links.line(i))
            writer.write(Link.Kind.allCases.firstIndex(of: links.kind(i))!)
        }
    }

    init(from reader: inout ByteReader) throws(ByteReader.Corrupt) {
        let path = try reader.readString(), slug = try reader.readString(), pathSlug = try reader.readString()
        let title = try reader.readString(), description = try reader.readOptionalString()
        let keywords = try reader.readStrings(), aliases = try reader.readStrings()
        let category = try reader.readOptionalString()
        let attributes = try NodeAttribute.decodeList(from: &reader)
        let count = try reader.readCount()
        var links: [Link] = []
        links.reserveCapacity(count)
        for _ in 0..<count {
            let target = try reader.readString(), text = try reader.readString(), line = try reader.readInt()
            let kind = try reader.readInt()
            guard Link.Kind.allCases.indices.contains(kind) else { throw ByteReader.Corrupt() }
            links.append(Link(target: target, text: text, line: line, kind: Link.Kind.allCases[kind]))
        }
        self.init(path: path, slug: slug, pathSlug: pathSlug, title: title, description: description, keywords: keywords,
                  aliases: aliases, category: category, attributes: attributes, links: links)
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
