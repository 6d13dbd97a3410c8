import Foundation

/// The bytes of an answer as the contract's JSON: keys sorted, slashes unescaped, indented, one
/// line end at the end. The command line's `--json` and the server's API both send these, so
/// the two give the same bytes for the same question.
public enum AnswerJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
