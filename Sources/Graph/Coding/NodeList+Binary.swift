import TermgraphCore

extension NodeList {
    /// Appends each record's length, flags and checksum, then the records: what
    /// `decode(from:categories:damage:)` reads back. The records are left out of the open
    /// section's checksum (each has its own, checked when it is decoded). Each node is encoded
    /// twice, once to measure it, so that the records never sit in memory all at once.
    package func encode(to writer: inout ByteWriter) {
        var scratch = ByteWriter()
        var lengths: [Int32] = [], checks: [Int32] = []
        lengths.reserveCapacity(count)
        checks.reserveCapacity(count)
        var total = 0
        for node in self {
            scratch.reset()
            node.encode(to: &scratch)
            lengths.append(Int32(scratch.count))
            checks.append(scratch.bytes.withUnsafeBytes(Encoded.check))
            total += scratch.count
        }
        writer.write(lengths)
        writer.write(map(Self.flags(of:)))
        writer.write(checks)
        writer.write(total)
        writer.pauseSection()
        for node in self { node.encode(to: &writer) }
        writer.resumeSection()
    }

    /// Reads where each record starts and leaves the records where they are; a record is
    /// checked when it is decoded, and raises `damage` if it fails.
    package static func decode(from reader: inout ByteReader, categories: Int, damage: DamageFlag) throws(ByteReader.Corrupt) -> NodeList {
        let lengths = try reader.readInt32s()
        let flags = try reader.readInt32s()
        let checks = try reader.readInt32s()
        let body = try reader.readUncheckedRange(try reader.readCount(max: Int.max))
        guard flags.count == lengths.count, checks.count == lengths.count,
              flags.allSatisfy({ $0 >= 0 && Int($0 >> 2) <= categories }) else {
            throw ByteReader.Corrupt()
        }
        var bounds: [Int] = []
        bounds.reserveCapacity(lengths.count + 1)
        var position = body.lowerBound
        for length in lengths {
            guard length > 0, Int(length) <= body.upperBound - position else { throw ByteReader.Corrupt() }
            bounds.append(position)
            position += Int(length)
        }
        bounds.append(position)
        guard position == body.upperBound else { throw ByteReader.Corrupt() }
        var list = NodeList([])
        list.encoded = Encoded(buffer: reader.buffer, bounds: bounds, checks: checks, categories: categories, damage: damage)
        list.flags = flags
        return list
    }
}
