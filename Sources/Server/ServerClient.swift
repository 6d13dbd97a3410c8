import Foundation
import Glibc

/// What a command line uses to ask a running server for an answer: one HTTP GET over a
/// loopback socket, with a short timeout. Any failure is nil, and the command answers by
/// itself, as it does when no server runs.
public enum ServerClient {
    /// The status and body of `GET path?parameters` from the server `file` names, asked to
    /// answer only from a graph that holds every change made so far.
    public static func get(_ path: String, _ parameters: [(String, String)], from file: ServerFile,
                           timeout: TimeInterval = 2) -> (status: Int, body: Data)? {
        let query = parameters.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
        let request = "GET \(path)\(query.isEmpty ? "" : "?" + query) HTTP/1.1\r\nHost: \(file.host)\r\n"
            + "\(Responder.freshHeader.rawName): required\r\nConnection: close\r\n\r\n"
        guard let fd = connect(to: file, timeout: timeout) else { return nil }
        defer { close(fd) }
        guard send(Array(request.utf8), to: fd) else { return nil }
        var response = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            response += chunk[0..<count]
        }
        return parse(response)
    }

    /// Percent-encodes all but unreserved characters (RFC 3986).
    static func escape(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    private static func connect(to file: ServerFile, timeout: TimeInterval) -> Int32? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(clamping: file.port).bigEndian)
        // A server listening on every address is reached on the loopback one.
        guard inet_pton(AF_INET, file.host == "0.0.0.0" ? "127.0.0.1" : file.host, &address.sin_addr) == 1 else { return nil }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int(timeout.truncatingRemainder(dividingBy: 1) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var noDelay: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    private static func send(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// The status and body of a response with a `Content-Length` (the only kind the server sends).
    private static func parse(_ response: [UInt8]) -> (status: Int, body: Data)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = response.indices.dropLast(3).first(where: { response[$0..<$0 + 4].elementsEqual(separator) }) else { return nil }
        let head = String(decoding: response[..<end], as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = head.first, statusLine.hasPrefix("HTTP/1.1 "), let status = Int(statusLine.dropFirst(9).prefix(3)) else { return nil }
        let length = head.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first
        let body = response[(end + 4)...]
        guard let length, body.count == length else { return nil }
        return (status, Data(body))
    }
}
