import Foundation

/// The threads that read a run's files, for tests that need more than one of them to check
/// files: on a busy machine the first thread could check every file before another starts,
/// and a test of what other threads do would pass without their doing anything.
public final class ReadingThreads: @unchecked Sendable {
    // An `NSCondition`, which ThreadSanitizer (`make sanitize`) sees, unlike `Mutex`'s futex.
    private let condition = NSCondition()
    private var threads = Set<UInt>()
    private var jobs = 1

    public init() {}

    /// Notes the reading thread; `waiting`, waits up to two seconds for another to read too.
    public func add(waiting: Bool) {
        condition.lock()
        defer { condition.unlock() }
        threads.insert(UInt(pthread_self()))
        condition.broadcast()
        let until = Date(timeIntervalSinceNow: 2)
        while waiting, jobs > 1, threads.count < 2, condition.wait(until: until) {}
    }

    /// A new run on `jobs` threads.
    public func clear(expecting jobs: Int) {
        condition.lock()
        (threads, self.jobs) = ([], jobs)
        condition.unlock()
    }

    /// How many threads read a file in this run.
    public var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return threads.count
    }

    /// `run` on `jobs` threads, again (five times at most) until more than one thread read a
    /// file when `jobs` is more than one; its last result, and whether that held.
    public func run<R>(jobs: Int, _ run: () -> R) -> (result: R, manyReaders: Bool) {
        var result: R
        var tries = 0
        repeat {
            clear(expecting: jobs)
            result = run()
            tries += 1
        } while jobs > 1 && count < 2 && tries < 5
        return (result, jobs == 1 || count > 1)
    }
}
