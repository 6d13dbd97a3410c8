/// Output collected as bytes and handed to a writer's sink in pieces of about a megabyte, so
/// that a large export is never held whole; once the sink answers false (its file cannot take
/// more) the writer stops.
///
/// ```swift
/// PieceOutput.stream(to: sink) { out in out.put("digraph {\n"); … ; guard out.flushIfFull() else { return } }
/// ```
struct PieceOutput {
    var bytes: [UInt8] = []
    private(set) var isOpen = true
    private let sink: ([UInt8]) -> Bool

    static let pieceSize = 1 << 20

    private init(sink: @escaping ([UInt8]) -> Bool) {
        self.sink = sink
        bytes.reserveCapacity(Self.pieceSize + 64 * 1024)
    }

    /// Runs `body` with an output that streams to `sink`, then hands over what is left.
    static func stream(to sink: ([UInt8]) -> Bool, _ body: (inout PieceOutput) throws -> Void) rethrows {
        try withoutActuallyEscaping(sink) { sink in
            var out = PieceOutput(sink: sink)
            try body(&out)
            if out.isOpen && !out.bytes.isEmpty { _ = sink(out.bytes) }
        }
    }

    /// Hands the bytes so far to the sink when they make a piece; false once the sink refused.
    @discardableResult
    mutating func flushIfFull() -> Bool {
        if bytes.count >= Self.pieceSize {
            isOpen = isOpen && sink(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        return isOpen
    }

    mutating func put(_ literal: StaticString) { bytes.append(literal) }
    mutating func put(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func decimal(_ value: Int) { bytes.appendDecimal(value) }
}
