/// The colours of categories, the same in every format that draws (DOT, SVG, GEXF, yEd):
/// category `c` takes entry `c % count`.
enum CategoryColours {
    /// A pale fill and a strong border for each category.
    static let palette: [(fill: String, border: String)] = [
        ("#dbeafe", "#1d4ed8"), ("#fef3c7", "#b45309"), ("#dcfce7", "#15803d"), ("#fce7f3", "#be185d"),
        ("#ede9fe", "#6d28d9"), ("#ccfbf1", "#0f766e"), ("#fee2e2", "#b91c1c"), ("#e0e7ff", "#4338ca"),
    ]
    /// Nodes of no category, and stubs.
    static let neutral = (fill: "#ffffff", border: "#475569")
    static let stub = (fill: "#ffffff", border: "#94a3b8")

    static func of(_ category: Int) -> (fill: String, border: String) {
        palette[category % palette.count]
    }

    /// `#rrggbb` as its three channels.
    static func channels(_ hex: String) -> (r: Int, g: Int, b: Int) {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        return (value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF)
    }
}
