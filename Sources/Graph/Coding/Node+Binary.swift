import TermgraphCore

extension Node {
    package func encode(to writer: inout ByteWriter) {
        writer.write(slug)
        writer.write(key)
        writer.write(title)
        writer.write(description)
        writer.write(keywords)
        writer.write(aliases)
        writer.write(category ?? -1)
        writer.write(categoryInferred)
        writer.write(isStub)
        writer.write(path)
        writer.write(namedValues: attributes)
    }

    package init(from reader: inout ByteReader) throws(ByteReader.Corrupt) {
        let slug = try reader.readString(), key = try reader.readString(), title = try reader.readString()
        let description = try reader.readOptionalString()
        let keywords = try reader.readStrings(), aliases = try reader.readStrings()
        let category = try reader.readInt()
        let inferred = try reader.readBool(), stub = try reader.readBool()
        let path = try reader.readOptionalString()
        let attributes: [NodeAttribute] = try reader.readNamedValues()
        self.init(slug: slug, key: key, title: title, description: description, keywords: keywords, aliases: aliases,
                  category: category >= 0 ? category : nil, categoryInferred: inferred, isStub: stub,
                  path: path, attributes: attributes)
    }
}
