import TermgraphCore

extension AnchorLists {
    /// Appends the lists' offsets, then the lists. Encoded lists are copied as they are; lists
    /// of strings are encoded twice, once to measure them, so that they never sit in memory
    /// all at once.
    package func encode(to writer: inout ByteWriter) {
        if case let .encoded(buffer, base, offsets, _) = storage {
            let body = UnsafeRawBufferPointer(rebasing: buffer.bytes[base..<(base + Int(offsets.last ?? 0))])
            writer.write(offsets)
            writer.write(Int(offsets.last ?? 0))
            writer.pauseSection()
            writer.append(contentsOf: body)
            writer.resumeSection()
            writer.write(word: Checksum.of(body))
            return
        }
        if case let .reordered(inner, order) = storage, case let .encoded(buffer, base, innerOffsets, _) = inner.storage {
            // Each list's bytes copied in the new order: the same bytes the lists would encode to.
            let list = { (e: Int) in buffer.bytes[(base + Int(innerOffsets[Int(order[e])]))..<(base + Int(innerOffsets[Int(order[e]) + 1]))] }
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(order.count + 1)
            var sum = Checksum()
            for e in order.indices {
                let bytes = list(e)
                sum.update(UnsafeRawBufferPointer(rebasing: bytes))
                offsets.append(offsets.last! + Int32(bytes.count))
            }
            writer.write(offsets)
            writer.write(Int(offsets.last!))
            writer.pauseSection()
            for e in order.indices { writer.append(contentsOf: list(e)) }
            writer.resumeSection()
            writer.write(word: sum.value)
            return
        }
        var scratch = ByteWriter()
        var offsets: [Int32] = [0]
        var sum = Checksum()
        offsets.reserveCapacity(count + 1)
        for e in indices {
            scratch.reset()
            scratch.write(self[e])
            scratch.bytes.withUnsafeBytes { sum.update($0) }
            offsets.append(offsets.last! + Int32(scratch.count))
        }
        writer.write(offsets)
        writer.write(Int(offsets.last!))
        writer.pauseSection()
        for e in indices { writer.write(self[e]) }
        writer.resumeSection()
        writer.write(word: sum.value)
    }

    /// Reads the offsets and leaves the lists where they are, to be checked on first use.
    package static func decode(from reader: inout ByteReader, edges: Int, damage: DamageFlag) throws(ByteReader.Corrupt) -> AnchorLists {
        let offsets = try reader.readInt32s()
        let length = try reader.readCount(max: Int.max)
        let body = try reader.readUncheckedRange(length)
        let expected = try reader.readWord()
        guard offsets.count == edges + 1, offsets.first == 0, Int(offsets.last!) == length,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw ByteReader.Corrupt() }
        return AnchorLists(encoded: reader.buffer, base: body.lowerBound, offsets: offsets,
                           check: BodyCheck(expected: expected, damage: damage))
    }
}
