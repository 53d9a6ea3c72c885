import Foundation

/// Maps indices to results on several threads, keeping results in index order whatever the
/// thread count, so the output of a run never depends on it.
enum Parallel {
    /// `jobs` workers (default: the cores) take the next index in turn; `progress` is told the
    /// number done after each one, from the worker's thread.
    static func map<T: Sendable>(_ count: Int, jobs: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil,
                                 _ body: @Sendable (Int) -> T) -> [T] {
        let box = Box<T>(count)
        let workers = max(1, min(count, jobs ?? ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = box.take() {
                let r = body(i)
                let done = box.set(i, r)
                progress?(done)
            }
        }
        return box.values.map { $0! }
    }

    /// Slots written once each from different threads, and the next index to hand out.
    private final class Box<T>: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [T?]
        private var next = 0
        private var done = 0
        init(_ n: Int) { values = Array(repeating: nil, count: n) }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < values.count else { return nil }
            next += 1
            return next - 1
        }

        func set(_ i: Int, _ v: T) -> Int {
            lock.lock()
            defer { lock.unlock() }
            values[i] = v
            done += 1
            return done
        }
    }
}
