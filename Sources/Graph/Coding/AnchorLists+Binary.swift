import TermgraphCore

extension AnchorLists {
    /// Appends the lists' offsets, then the lists. Encoded lists are copied as they are; lists
    /// of strings are encoded twice, once to measure them, so that they never sit in memory
    /// all at once.
    package func encode(to writer: inout ByteWriter) {
        if case let .encoded(buffer, base, offsets) = storage {
            writer.write(offsets)
            writer.write(Int(offsets.last ?? 0))
            writer.append(contentsOf: buffer.bytes[base..<(base + Int(offsets.last ?? 0))])
            return
        }
        var scratch = ByteWriter()
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(count + 1)
        for e in indices {
            scratch.reset()
            scratch.write(self[e])
            offsets.append(offsets.last! + Int32(scratch.count))
        }
        writer.write(offsets)
        writer.write(Int(offsets.last!))
        for e in indices { writer.write(self[e]) }
    }

    package static func decode(from reader: inout ByteReader, edges: Int) throws(ByteReader.Corrupt) -> AnchorLists {
        let offsets = try reader.readInt32s()
        let length = try reader.readCount(max: Int.max)
        let body = try reader.readRange(length)
        guard offsets.count == edges + 1, offsets.first == 0, Int(offsets.last!) == length,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw ByteReader.Corrupt() }
        return AnchorLists(encoded: reader.buffer, base: body.lowerBound, offsets: offsets)
    }
}
