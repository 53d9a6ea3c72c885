import Foundation

/// Runs work on several threads and hands the results on in index order, whatever the thread
/// count, so the output of a run never depends on it.
enum Parallel {
    /// `jobs` workers (default: `availableCores`) take the next index in turn; `consume` gets each
    /// result in index order, on one thread at a time, while the others keep working. A worker
    /// stays at most `window` indices ahead of the next result to consume, so results held at
    /// once are bounded however slow one index is. `progress` is told the number done. Each
    /// worker first makes its own state (`worker`, given its number from 0, on its own thread),
    /// passed to every `body` it runs: state no other thread touches.
    static func forEachInOrder<T, W>(_ count: Int, jobs: Int? = nil, window: Int? = nil,
                                     progress: (@Sendable (Int) -> Void)? = nil,
                                     worker: @Sendable (Int) -> W,
                                     _ body: @Sendable (W, Int) -> T, consume: (Int, T) -> Void) {
        let workers = workerCount(count, jobs: jobs)
        let queue = ReorderBuffer<T>(count, window: window ?? 4 * workers)
        withoutActuallyEscaping(consume) { consume in
            let consumer = UncheckedBox(consume)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let state = worker(w)
                while let i = queue.take() {
                    let done = queue.put(i, body(state, i))
                    progress?(done)
                    // Whoever finds the next result ready hands results on until one is missing.
                    var turn = queue.startConsuming()
                    while let (j, r) = turn {
                        consumer.value(j, r)
                        turn = queue.consumedOne()
                    }
                }
            }
        }
    }

    /// The workers `forEachInOrder` runs for `count` indices: `jobs`, else the cores the process
    /// may use, at most one per index.
    static func workerCount(_ count: Int, jobs: Int?) -> Int {
        max(1, min(count, jobs ?? availableCores))
    }

    /// The cores this process may run on: its affinity mask, as `taskset` or a container's CPU
    /// set leaves it (more threads than that would take turns on the same cores); the machine's
    /// count when the mask cannot be read.
    static let availableCores: Int = {
        // Linux says the mask in /proc/self/status, as `Cpus_allowed:\tff,ffffffff`.
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let mask = line.dropFirst("Cpus_allowed:".count)
            let n = mask.reduce(0) { n, c in n + (c.hexDigitValue?.nonzeroBitCount ?? 0) }
            // A mask may name cores the machine does not have online.
            if n > 0 { return min(n, ProcessInfo.processInfo.activeProcessorCount) }
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }()

    /// Lets the consumer, which runs on one thread at a time, be called from the workers.
    private struct UncheckedBox<V>: @unchecked Sendable {
        let value: V
        init(_ value: V) { self.value = value }
    }

    /// Results waiting for their turn, the next index to hand out, and who is consuming.
    private final class ReorderBuffer<T>: @unchecked Sendable {
        private let condition = NSCondition()
        private var ready: [Int: T] = [:]
        private let count: Int
        private let window: Int
        private var next = 0
        private var consumed = 0
        private var consuming = false
        private var done = 0

        init(_ count: Int, window: Int) {
            self.count = count
            self.window = max(1, window)
        }

        /// The next index to work on, waiting while the worker would run too far ahead.
        func take() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while next < count, next - consumed >= window { condition.wait() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        /// Files a result; the number done.
        func put(_ i: Int, _ r: T) -> Int {
            condition.lock()
            defer { condition.unlock() }
            ready[i] = r
            done += 1
            return done
        }

        /// The next result in order, when it is ready and no other thread is consuming.
        func startConsuming() -> (Int, T)? {
            condition.lock()
            defer { condition.unlock() }
            guard !consuming, let r = ready.removeValue(forKey: consumed) else { return nil }
            consuming = true
            return (consumed, r)
        }

        /// The consuming thread is done with its result: the next one if ready, else nil, and
        /// the turn is given up under the same lock, so no result is left waiting for nobody.
        func consumedOne() -> (Int, T)? {
            condition.lock()
            defer { condition.unlock() }
            consumed += 1
            condition.broadcast()
            guard let r = ready.removeValue(forKey: consumed) else {
                consuming = false
                return nil
            }
            return (consumed, r)
        }
    }
}
