import Foundation
import Synchronization

/// A one-line progress bar on stderr for long builds; silent unless stderr is a terminal.
final class ProgressBar: Sendable {
    private let shown = Mutex<Int>(-1)
    private let minimumTotal: Int

    /// A bar only when stderr is a terminal: logs and pipes get nothing.
    static func forTerminal(minimumTotal: Int = 2_000) -> ProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ProgressBar(minimumTotal: minimumTotal) : nil
    }

    private init(minimumTotal: Int) {
        self.minimumTotal = minimumTotal
    }

    /// Redraws when the percentage changes; clears the line when the work is done.
    func update(done: Int, total: Int) {
        guard total >= minimumTotal else { return }
        let percent = done * 100 / max(total, 1)
        shown.withLock { last in
            guard percent != last else { return }
            last = percent
            let width = 30
            let filled = percent * width / 100
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = done >= total ? "\r\u{1B}[K" : "\rreading articles \(bar) \(percent)% (\(done) of \(total))"
            Output.write(line, to: STDERR_FILENO)
        }
    }
}
