import TermgraphCore

extension NodeAttribute {
    /// Appends a list of attributes: name, then text or list of texts.
    package static func encode(_ attributes: [NodeAttribute], to writer: inout ByteWriter) {
        writer.write(attributes.count)
        for attribute in attributes {
            writer.write(attribute.name)
            switch attribute.value {
            case .text(let text):
                writer.write(false)
                writer.write(text)
            case .list(let items):
                writer.write(true)
                writer.write(items)
            }
        }
    }

    package static func decodeList(from reader: inout ByteReader) throws(ByteReader.Corrupt) -> [NodeAttribute] {
        var attributes: [NodeAttribute] = []
        for _ in 0..<(try reader.readCount()) {
            let name = try reader.readString()
            attributes.append(NodeAttribute(name: name, value: try reader.readBool() ? .list(try reader.readStrings()) : .text(try reader.readString())))
        }
        return attributes
    }
}
