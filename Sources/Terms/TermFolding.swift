import TermgraphCore
import TermgraphGraph
import Foundation

/// The forms in which a typed term is compared with names: spelling variants of Arabic folded away.
///
/// ```swift
/// TermFolding.fold("مكتبٌ أوسط")              // "مكتب اوسط"
/// TermFolding.prefixVariants("والمكتب الأوسط")  // includes "مكتب اوسط"
/// ```
public enum TermFolding {
    /// NFKC, case folding, Arabic harakat and tatweel removed, hamza and alef forms, taa marbuta
    /// and alef maqsura unified, the Persian keyboard's yeh, keheh and heh with yeh as their
    /// Arabic letters, white space collapsed.
    public static func fold(_ text: String) -> String {
        // Text of ASCII and plain Arabic letters is already NFKC and has no case beyond ASCII's:
        // it skips Foundation, which is a hundred times slower than the rest of this function.
        let folded = needsUnicodeNormalization(text)
            ? text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
            : text
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            let value = scalar.value
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if (0x064B...0x065F).contains(value) || value == 0x0670 || value == 0x0640 { continue }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            switch value {
            case 0x0623, 0x0625, 0x0622, 0x0671: scalars.append("\u{0627}")  // أ إ آ ٱ → ا
            case 0x0629, 0x06C0: scalars.append("\u{0647}")  // ة ۀ → ه
            case 0x0649, 0x06CC, 0x0626: scalars.append("\u{064A}")  // ى ی ئ → ي
            case 0x06A9: scalars.append("\u{0643}")  // ک → ك
            case 0x0624: scalars.append("\u{0648}")  // ؤ → و
            case 0x41...0x5A: scalars.append(Unicode.Scalar(value | 0x20)!)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// False when every character is ASCII or an Arabic-block character that NFKC leaves alone
    /// and that no combining hamza or madda could compose with.
    static func needsUnicodeNormalization(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 { continue }
            if v >= 0x0600 && v <= 0x06FF && !(0x0653...0x0655).contains(v) && !(0x0675...0x0678).contains(v) { continue }
            return true
        }
        return false
    }

    /// A folded text with its Arabic prefixes dropped in each combination the contract allows:
    /// the definite article `ال` on every word, the conjunction `و` or `ف` on the first word.
    /// Both the query and the names go through this, so `الوسيط` meets `وسيط`.
    public static func prefixVariants(_ folded: String) -> Set<String> {
        let words = folded.split(separator: " ").map(String.init)
        guard let first = words.first else { return [] }
        var firstForms = [first]
        if let stripped = dropPrefix(first, ["\u{0648}", "\u{0641}"]) { firstForms.append(stripped) }
        var variants: Set<String> = []
        for firstForm in firstForms { insertForms([firstForm] + words.dropFirst(), into: &variants) }
        return variants
    }

    /// The words joined as they are, and with the article dropped from each.
    private static func insertForms(_ words: [String], into variants: inout Set<String>) {
        variants.insert(words.joined(separator: " "))
        variants.insert(words.map { dropPrefix($0, ["\u{0627}\u{0644}"]) ?? $0 }.joined(separator: " "))
    }

    /// What a typed term may also mean, besides `prefixVariants`: its first word without a leading
    /// preposition `ب`, `ل` or `ك`, alone or fused with the article (`بال`, `لل`, `كال`), after
    /// an optional conjunction. Only a query is read this way, never the names it is compared
    /// with: many words begin with those letters (`بنك`, `كتاب`), and a name cut down to
    /// another word would be found by a query that never meant it.
    public static func queryVariants(_ folded: String) -> Set<String> {
        var variants = prefixVariants(folded)
        let words = folded.split(separator: " ").map(String.init)
        guard let first = words.first else { return variants }
        var firstForms = [first]
        if let stripped = dropPrefix(first, ["\u{0648}", "\u{0641}"]) { firstForms.append(stripped) }
        for form in firstForms {
            // `بال` leaves the word; `ب` alone leaves `الword`, whose article is then dropped too.
            for prefix in ["\u{0628}\u{0627}\u{0644}", "\u{0643}\u{0627}\u{0644}", "\u{0644}\u{0644}",
                           "\u{0628}", "\u{0644}", "\u{0643}"] {
                if let rest = dropPrefix(form, [prefix]) { insertForms([rest] + words.dropFirst(), into: &variants) }
            }
        }
        return variants
    }

    /// The word without `prefix` when what remains has at least two letters.
    private static func dropPrefix(_ word: String, _ prefixes: [String]) -> String? {
        for prefix in prefixes where word.hasPrefix(prefix) {
            let rest = word.dropFirst(prefix.count)
            if rest.count >= 2 { return String(rest) }
        }
        return nil
    }
}
