import Foundation

/// Maps indices to results on all cores, keeping results in index order.
enum Parallel {
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let box = Box<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            box.set(i, body(i))
        }
        return box.values.map { $0! }
    }

    /// Slots written once each from different threads, under a lock.
    private final class Box<T>: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [T?]
        init(_ n: Int) { values = Array(repeating: nil, count: n) }
        func set(_ i: Int, _ v: T) {
            lock.lock()
            values[i] = v
            lock.unlock()
        }
    }
}
