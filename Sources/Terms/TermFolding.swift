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
    /// and alef maqsura unified, white space collapsed.
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
            case 0x0629: scalars.append("\u{0647}")  // ة → ه
            case 0x0649, 0x0626: scalars.append("\u{064A}")  // ى ئ → ي
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
        for firstForm in firstForms {
            let plain = [firstForm] + words.dropFirst()
            variants.insert(plain.joined(separator: " "))
            variants.insert(plain.map { dropPrefix($0, ["\u{0627}\u{0644}"]) ?? $0 }.joined(separator: " "))
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
