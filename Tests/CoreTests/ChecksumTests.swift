import TermgraphCore
import Testing

@Suite struct ChecksumTests {
    private func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    private func checksum(_ pieces: [ArraySlice<UInt8>]) -> UInt64 {
        var sum = Checksum()
        for piece in pieces { Array(piece).withUnsafeBytes { sum.update($0) } }
        return sum.value
    }

    /// Index files are hashed as they stream out in pieces of any size, and read back whole.
    @Test func theValueIsTheSameHoweverTheBytesAreCut() {
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 40, 63, 64, 65, 100, 129] {
            let data = bytes(count, seed: UInt64(count))
            let whole = data.withUnsafeBytes(Checksum.of)
            for cut in 0...count {
                #expect(checksum([data[..<cut], data[cut...]]) == whole, "\(count) bytes cut at \(cut)")
            }
            for first in 0...count {
                for second in first...count where (first + second) % 3 == 0 {
                    #expect(checksum([data[..<first], data[first..<second], data[second...]]) == whole,
                            "\(count) bytes cut at \(first) and \(second)")
                }
            }
        }
    }

    @Test func everyFlippedBitAndEveryLengthChangesTheValue() {
        let data = bytes(64, seed: 7)
        let whole = data.withUnsafeBytes(Checksum.of)
        for bit in 0..<(data.count * 8) {
            var flipped = data
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(flipped.withUnsafeBytes(Checksum.of) != whole, "bit \(bit)")
        }
        #expect((data + [0]).withUnsafeBytes(Checksum.of) != whole, "a zero byte more")
        #expect(Array(data.dropLast()).withUnsafeBytes(Checksum.of) != whole, "a byte less")
        #expect(Array(data[8...] + data[..<8]).withUnsafeBytes(Checksum.of) != whole, "words swapped")
    }
}

@Suite struct SectionTests {
    /// Flat arrays in a section are hashed a block at a time as they are copied out; the result
    /// must be the section's checksum whatever the arrays' sizes and where they fall.
    @Test func arraysLargerThanAHashingBlockAreCheckedWhole() throws {
        let sizes = [0, 1, 3, 16_383, 16_384, 16_385, 50_001]
        var writer = ByteWriter()
        writer.write(7)
        writer.beginSection()
        for size in sizes {
            writer.write("before \(size)")
            writer.write((0..<size).map { Int32(truncatingIfNeeded: $0 &* 2_654_435_761) })
        }
        writer.endSection()
        let good = writer.bytes

        func read(_ bytes: [UInt8]) throws(ByteReader.Corrupt) -> [[Int32]] {
            var reader = ByteReader(bytes)
            _ = try reader.readInt()
            reader.beginSection()
            var arrays: [[Int32]] = []
            for _ in sizes {
                _ = try reader.readString()
                arrays.append(try reader.readInt32s())
            }
            try reader.endSection()
            return arrays
        }
        #expect(try read(good).map(\.count) == sizes)
        #expect(try read(good)[6][50_000] == Int32(truncatingIfNeeded: 50_000 &* 2_654_435_761))
        // A flipped byte in each array (past its first block where it has one), and in the text
        // between them, is caught.
        var position = 1
        for size in sizes {
            let text = "before \(size)".utf8.count
            var flipped = good
            flipped[position + 1] ^= 0x20
            #expect(throws: ByteReader.Corrupt.self, "text before the array of \(size)") { try read(flipped) }
            let arrayStart = position + 1 + text + (size < 64 ? 1 : size < 8192 ? 2 : 3)
            if size > 0 {
                var damaged = good
                damaged[arrayStart + 4 * size - 1] ^= 0x01
                #expect(throws: ByteReader.Corrupt.self, "last word of the array of \(size)") { try read(damaged) }
            }
            position = arrayStart + 4 * size
        }
    }
}
