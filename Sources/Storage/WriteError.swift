/// Why a file was not written, naming the path, in words a user can act on.
package enum WriteError: Error, CustomStringConvertible {
    /// The system refused; the reason is its `strerror` text.
    case cannotWrite(String, String)
    /// What stands at the path may be neither replaced nor written to (a folder, a socket, a
    /// block device, a link to nothing): `kind` says which.
    case notAFile(String, kind: String)
    /// A file stands at the path that does not carry the signature of the files this writer
    /// makes, so it is left as it is.
    case notOwnFile(String)

    package var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .notAFile(path, kind): return "cannot write \(path): it is \(kind), not a file; nothing was written"
        case let .notOwnFile(path): return "\(path) was not written by this program; it is left as it is"
        }
    }
}
