/// The ids GitHub gives a page's headings, as github-slugger computes them: the text lower-cased,
/// every character dropped that is punctuation (but `-` and `_`), a symbol (emoji among them),
/// a number that is not a digit (`²`, `½`), a control or format character, or a separator (but
/// the space, which becomes `-`) — unless it is alphabetic; letters and marks of every script
/// stay. A slug seen before on the page is numbered: `a`, `a-1`, `a-2`.
///
/// ```swift
/// var slugger = HeadingSlugger()
/// slugger.slug("التسوية والمقاصة")  // "التسوية-والمقاصة"
/// slugger.slug("Usage"); slugger.slug("Usage")  // "usage", "usage-1"
/// ```
package struct HeadingSlugger {
    package init() {}

    /// Each slug given, with the number its next repeat takes.
    private var occurrences: [String: Int] = [:]

    /// The id of the next heading whose text is `text`.
    package mutating func slug(_ text: String) -> String {
        let base = Self.slug(text)
        var slug = base
        while occurrences[slug] != nil {
            occurrences[base, default: 0] += 1
            slug = base + "-" + String(occurrences[base]!)
        }
        occurrences[slug] = 0
        return slug
    }

    /// The slug of `text` on its own, without numbering.
    package static func slug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                out.append("-")
            } else if scalar == "-" || !isDropped(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return !((v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || v == 0x5F)
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .otherNumber, .closePunctuation, .finalPunctuation, .initialPunctuation, .openPunctuation,
             .otherPunctuation, .dashPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
             .control, .privateUse, .format, .unassigned, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return !properties.isAlphabetic
        default:
            return false
        }
    }
}
