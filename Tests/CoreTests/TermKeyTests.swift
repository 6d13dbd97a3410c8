import TermgraphCore
import Testing

@Suite struct TermKeyTests {
    /// The characters every export drops (XML 1.0's forbidden ones) are not part of a key, in
    /// the ASCII fast path and the Unicode one alike; tab and line ends, which exports carry,
    /// stay. So `a\0b` and `ab` can no longer be two nodes written under one id.
    @Test func charactersNoExportCanWriteAreNotPartOfTheKey() {
        #expect(TermKey.normalize("a\u{0}b\u{1}\u{1F}") == "ab")
        #expect(TermKey.normalize("A\u{8}B") == "ab")
        #expect(TermKey.normalize("a\tb\nc\rd\u{7F}") == "a\tb\nc\rd\u{7F}")
        #expect(TermKey.normalize("مكتب\u{FFFE}\u{0}خلفي\u{FFFF}") == "مكتبخلفي")
        #expect(TermKey.normalize("Stra\u{0}ße") == "strasse")
        #expect(TermKey.normalize("e\u{0}\u{301}") == "\u{E9}", "a control between a letter and its mark no longer keeps them apart")
        #expect(TermKey.normalize("\u{0}") == "")
    }
}
