/// Why a file was not written, naming the path, in words a user can act on.
package enum WriteError: Error, CustomStringConvertible {
    /// The system refused; the reason is its `strerror` text.
    case cannotWrite(String, String)

    package var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}
