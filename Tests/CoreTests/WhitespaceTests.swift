import Foundation
import TermgraphCore
import Testing
import TestSupport

/// The byte-level fast paths for white space give what the character-level forms they stand
/// in for give, on text mixing ASCII, Unicode white space, combining marks and Arabic.
@Suite struct WhitespaceTests {
    private static let pieces = ["a", "b", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2003}",
                                 "\u{3000}", "\u{2028}", "\u{1C}", "\u{301}", " \u{301}", "ت", "_", ".", "/"]

    private static func samples() -> [String] {
        var random = SeededRandom(seed: 20261203)
        let fixed = ["", " ", "a", " a", "a ", "a  b", "a b", "a\tb", "abc ", " abc", "a\u{A0}b", "\u{A0}"]
        return fixed + (0..<3000).map { _ in
            (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
    }

    @Test func collapsingWhitespaceIsSplittingOnWhiteSpaceAndJoiningWithSpaces() {
        for text in Self.samples() {
            #expect(text.collapsingWhitespace == text.split(whereSeparator: \.isWhitespace).joined(separator: " "),
                    "\(Array(text.unicodeScalars.map(\.value)))")
        }
    }

    @Test func trimmingSpacesDropsWhiteSpaceCharactersAtBothEnds() {
        for text in Self.samples() {
            var slice = Substring(text)
            while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
            while slice.last?.isWhitespace == true { slice = slice.dropLast() }
            #expect(text.trimmingSpaces == String(slice), "\(Array(text.unicodeScalars.map(\.value)))")
        }
    }

    @Test func trimmingHorizontalSpaceIsFoundationsTrimmingOfWhitespaces() {
        for text in Self.samples() {
            #expect(text.trimmingHorizontalSpace == text.trimmingCharacters(in: .whitespaces),
                    "\(Array(text.unicodeScalars.map(\.value)))")
        }
    }
}
