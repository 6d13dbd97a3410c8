import Foundation

/// One of Graphviz's programs (`dot`), run as a filter: bytes in on its standard input, its
/// standard output handed to a sink as it comes.
///
/// ```swift
/// try GraphvizProgram.find("dot")?.run(["-Tsvg"], input: dotBytes) { piece in … }
/// ```
struct GraphvizProgram {
    let executable: URL

    /// The program on `PATH`, if it is installed.
    static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> GraphvizProgram? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return GraphvizProgram(executable: candidate) }
        }
        return nil
    }

    /// Runs the program on `input`, handing what it prints to `sink` until the sink answers false
    /// (then the program is stopped). Throws with what it said on stderr when it fails.
    func run(_ arguments: [String], input: [UInt8], format: String, to sink: ([UInt8]) -> Bool) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw ExportError.programFailed(format: format, program: executable.lastPathComponent, message: "\(error)")
        }
        let done = DispatchGroup()
        let said = Collected()
        let inputFD = stdin.fileHandleForWriting.fileDescriptor
        background(done) {
            // A program that stops reading must not end this process with SIGPIPE: blocked in
            // this thread, a write to the closed pipe fails with EPIPE instead.
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
            input.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(inputFD, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue } else { break } }
                    offset += n
                }
            }
            close(inputFD)
        }
        let errorHandle = stderr.fileHandleForReading
        background(done) { said.append(errorHandle.readDataToEndOfFile()) }
        let output = stdout.fileHandleForReading
        var open = true
        while open {
            let piece = output.availableData
            if piece.isEmpty { break }
            open = sink([UInt8](piece))
        }
        if !open { process.terminate() }
        process.waitUntilExit()
        done.wait()
        guard open else { return }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let message = String(decoding: said.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ExportError.programFailed(format: format, program: executable.lastPathComponent,
                                            message: message.isEmpty ? "exit status \(process.terminationStatus)" : message)
        }
    }

    private func background(_ group: DispatchGroup, _ work: @escaping @Sendable () -> Void) {
        group.enter()
        Thread.detachNewThread {
            work()
            group.leave()
        }
    }

    /// What the program writes on stderr, collected on its own thread.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var data = Data()

        func append(_ more: Data) {
            lock.lock()
            data.append(more)
            lock.unlock()
        }
    }
}
