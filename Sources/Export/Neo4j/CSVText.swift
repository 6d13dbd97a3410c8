/// CSV fields as RFC 4180 writes them and `neo4j-admin database import` reads them: quoted
/// when they hold `,`, `"` or a line end (quotes doubled); array items joined by `;`, with an
/// item's own `%` and `;` written `%25` and `%3B`. Characters XML 1.0 forbids are dropped, as
/// from every export's text.
enum CSVText {
    /// Appends `text` as one field.
    static func appendField(_ text: String, to out: inout [UInt8]) {
        text.withUTF8Bytes { bytes in
            let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if needsQuotes { out.append(UInt8(ascii: "\"")) }
            out.appendEscaped(bytes) { byte in
                switch byte {
                case UInt8(ascii: "\""): return "\"\""
                case 0x09, 0x0A, 0x0D: return nil
                case 0x00..<0x20: return ""
                default: return nil
                }
            }
            if needsQuotes { out.append(UInt8(ascii: "\"")) }
        }
    }

    /// Appends `items` as one array field (`a;b`).
    static func appendArray(_ items: [String], to out: inout [UInt8]) {
        appendField(items.map(arrayItem).joined(separator: ";"), to: &out)
    }

    /// One array item with `%` and `;` escaped.
    static func arrayItem(_ item: String) -> String {
        guard item.contains(where: { $0 == "%" || $0 == ";" }) else { return item }
        return item.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ";", with: "%3B")
    }
}
