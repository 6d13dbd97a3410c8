import TermgraphCore

extension NodeList {
    /// Appends each record's length, then the records: what `decode(from:categories:)` reads back.
    /// Each node is encoded twice, once to measure it, so that the records never sit in memory
    /// all at once.
    package func encode(to writer: inout ByteWriter) {
        var scratch = ByteWriter()
        var lengths: [Int32] = []
        lengths.reserveCapacity(count)
        var total = 0
        for node in self {
            scratch.reset()
            node.encode(to: &scratch)
            lengths.append(Int32(scratch.count))
            total += scratch.count
        }
        writer.write(lengths)
        writer.write(map(Self.flags(of:)))
        writer.write(total)
        for node in self { node.encode(to: &writer) }
    }

    /// Reads where each record starts and leaves the records where they are; a record is
    /// checked when it is decoded.
    package static func decode(from reader: inout ByteReader, categories: Int) throws(ByteReader.Corrupt) -> NodeList {
        let lengths = try reader.readInt32s()
        let flags = try reader.readInt32s()
        let body = try reader.readRange(try reader.readCount(max: Int.max))
        guard flags.count == lengths.count, flags.allSatisfy({ $0 >= 0 && Int($0 >> 2) <= categories }) else {
            throw ByteReader.Corrupt()
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(lengths.count)
        var position = body.lowerBound
        for length in lengths {
            guard length > 0 else { throw ByteReader.Corrupt() }
            offsets.append(position)
            position += Int(length)
        }
        guard position == body.upperBound else { throw ByteReader.Corrupt() }
        var list = NodeList([])
        list.encoded = (reader.buffer, offsets, categories)
        list.flags = flags
        return list
    }
}
