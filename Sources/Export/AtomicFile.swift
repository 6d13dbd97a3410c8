import Foundation

/// Writes a file so that readers only ever see the old content or the complete new content.
///
/// The bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
/// file is renamed over the target: rename is atomic within one file system.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ExportError.cannotWrite(url.path, String(cString: strerror(errno))) }
        var ok = true
        var failure = ""
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if ok && fsync(fd) != 0 { ok = false; failure = String(cString: strerror(errno)) }
        close(fd)
        guard ok, rename(temporary.path, url.path) == 0 else {
            if ok { failure = String(cString: strerror(errno)) }
            unlink(temporary.path)
            throw ExportError.cannotWrite(url.path, failure)
        }
    }
}

public enum ExportError: Error, CustomStringConvertible {
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}
