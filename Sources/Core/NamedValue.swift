/// A value kept under a name, as front matter keeps it: text, or a list of texts. The articles'
/// attributes and the nodes' are two types (the graph knows nothing of articles) with one
/// encoding, which this gives them.
package protocol NamedValue {
    var name: String { get }
    /// The text, or nil when the value is a list.
    var text: String? { get }
    var list: [String] { get }
    init(name: String, text: String)
    init(name: String, list: [String])
}

extension ByteWriter {
    /// Appends a list of named values: the count, then each name and its text or list.
    package mutating func write<Value: NamedValue>(namedValues values: [Value]) {
        write(values.count)
        for value in values {
            write(value.name)
            if let text = value.text {
                write(false)
                write(text)
            } else {
                write(true)
                write(value.list)
            }
        }
    }
}

extension ByteReader {
    /// Reads what `ByteWriter.write(namedValues:)` wrote.
    package mutating func readNamedValues<Value: NamedValue>() throws(Corrupt) -> [Value] {
        var values: [Value] = []
        for _ in 0..<(try readCount(max: remaining)) {
            let name = try readString()
            values.append(try readBool() ? Value(name: name, list: try readStrings()) : Value(name: name, text: try readString()))
        }
        return values
    }
}
