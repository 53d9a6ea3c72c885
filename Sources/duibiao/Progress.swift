import Foundation

/// A progress line on standard error while a batch is checked: files done, rate, time left.
/// Only on a terminal, redrawn at most five times a second, erased when the run ends.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Told from the checking threads after each file.
    func update(done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        // The rate of the first files is mostly the start-up's: no estimate until it means something.
        let estimate = elapsed >= Self.settling ? (rate: Int(rate), secondsLeft: Int(left.rounded(.up))) : nil
        Output.error("\r\u{1B}[K" + CLIText.progress(done: done, total: total, estimate: estimate))
        drawn = true
    }

    /// Seconds of checking after which the rate and the time left are shown.
    static let settling = 0.5

    /// Erases the line, so the report (or the next prompt) starts clean.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { Output.error("\r\u{1B}[K") }
    }
}
