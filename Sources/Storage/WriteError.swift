/// Why a file was not written, naming the path, in words a user can act on.
package enum WriteError: Error, CustomStringConvertible {
    /// The system refused; the reason is its `strerror` text.
    case cannotWrite(String, String)
    /// A file stands at the path that does not carry the signature of the files this writer
    /// makes, so it is left as it is.
    case notOwnFile(String)

    package var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .notOwnFile(path): return "\(path) was not written by this program; it is left as it is"
        }
    }
}
