import CEL
import Foundation

/// A deadline's message (`已于2019年9月8日完成（截止2019年9月10日）`) by the days and counts it
/// says, made once: the same few dates come back unit after unit (137 texts for 37,726 dated
/// findings at 1,000 bench units), and making one is some two thousand instructions and an
/// allocation. The text is `EngineText`'s, made by it the first time; a key is the message's
/// kind and its numbers, all it depends on.
///
/// One slot a key's hash, the later of two keys that share a slot kept; a slot gives its text
/// only for its own key. Each rules copy has its own (a checking thread checks with its own
/// copy past a hundred files, so a popular text's reference count is not one that two cores
/// share), behind a lock for the runs whose threads share one (`NSLock`: a pthread mutex,
/// which ThreadSanitizer sees; the standard library's `Mutex` waits on a futex it does not).
final class DeadlineTexts: @unchecked Sendable {
    /// What a message says, with `EngineText`'s function of the same name.
    enum Kind: UInt8 {
        case doneOnTime, doneLateTolerated, doneLate, notYetDue, overdue, scheduled, expectationNotYetDue
    }

    private struct Key: Equatable {
        let kind: Kind
        let a: Int64, b: Int64, c: Int64, d: Int64
    }

    private struct Slot {
        var key: Key?
        var text = ""
    }

    private static let count = 1024
    private let lock = NSLock()
    /// Read and written under `lock` only.
    private var slots = [Slot](repeating: Slot(), count: count)

    /// The message `make` makes, for the message of `kind` with these numbers.
    func text(_ kind: Kind, _ a: Int64, _ b: Int64 = 0, _ c: Int64 = 0, _ d: Int64 = 0, make: () -> String) -> String {
        let key = Key(kind: kind, a: a, b: b, c: c, d: d)
        func mix(_ h: UInt64, _ n: Int64) -> UInt64 { (h ^ UInt64(bitPattern: n)) &* 0x9E37_79B9_7F4A_7C15 }
        let h = mix(mix(mix(mix(UInt64(kind.rawValue), a), b), c), d)
        let i = Int(truncatingIfNeeded: h >> 40) & (Self.count - 1)
        lock.lock()
        let kept = slots[i].key == key ? slots[i].text : nil
        lock.unlock()
        if let kept { return kept }
        let made = make()
        lock.lock()
        slots[i] = Slot(key: key, text: made)
        lock.unlock()
        return made
    }

    /// `EngineText.doneOnTime`.
    func doneOnTime(_ done: CELDate, _ due: CELDate) -> String {
        text(.doneOnTime, Int64(done.day), Int64(due.day)) { EngineText.doneOnTime(done, due) }
    }

    /// `EngineText.doneLateTolerated`.
    func doneLateTolerated(_ done: CELDate, _ due: CELDate, _ late: Int64, _ tolerance: Int64) -> String {
        text(.doneLateTolerated, Int64(done.day), Int64(due.day), late, tolerance) { EngineText.doneLateTolerated(done, due, late, tolerance) }
    }

    /// `EngineText.doneLate`.
    func doneLate(_ done: CELDate, _ due: CELDate, _ late: Int64) -> String {
        text(.doneLate, Int64(done.day), Int64(due.day), late) { EngineText.doneLate(done, due, late) }
    }

    /// `EngineText.notYetDue`.
    func notYetDue(_ due: CELDate, _ left: Int64) -> String {
        text(.notYetDue, Int64(due.day), left) { EngineText.notYetDue(due, left) }
    }

    /// `EngineText.overdue`.
    func overdue(_ due: CELDate, _ asOf: CELDate, _ days: Int64) -> String {
        text(.overdue, Int64(due.day), Int64(asOf.day), days) { EngineText.overdue(due, asOf, days) }
    }

    /// `EngineText.scheduled`.
    func scheduled(_ date: CELDate) -> String {
        text(.scheduled, Int64(date.day)) { EngineText.scheduled(date) }
    }

    /// `EngineText.expectationNotYetDue`.
    func expectationNotYetDue(_ due: CELDate) -> String {
        text(.expectationNotYetDue, Int64(due.day)) { EngineText.expectationNotYetDue(due) }
    }
}
