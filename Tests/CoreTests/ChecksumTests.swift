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
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 100] {
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
