import Foundation

/// Each unit's first entry in the run, by unit id, for a province of them: the ids' bytes one
/// after another and a hash table of their numbers, about 30 bytes a unit where a dictionary
/// of strings takes 50. Hashed with the standard library's seeded hasher, so ids chosen to
/// collide cannot make lookups slow. Ids are the same when Swift's strings are (canonically
/// equivalent), as everywhere else in a run: they are compared in NFC.
struct UnitIDTable {
    private var bytes: [UInt8] = []
    /// Where each id's bytes end.
    private var ends: [Int] = []
    /// The entry of each id.
    private var entries: [Int32] = []
    /// Id numbers by hash, open addressing; -1 where empty. Never more than half full.
    private var slots: [Int32] = Array(repeating: -1, count: 16)

    /// A table with room for `expected` ids (a run's files) made at once: grown by doubling, a
    /// province's table kept up to twice the room it used, and for a moment its old arrays
    /// beside the new.
    init(expected: Int = 0) {
        // Fewer than the first slots hold at half full: nothing to make ahead.
        guard 2 * expected > slots.count else { return }
        ends.reserveCapacity(expected)
        entries.reserveCapacity(expected)
        var size = slots.count
        while size < 2 * expected { size *= 2 }
        slots = Array(repeating: -1, count: size)
    }

    /// The entry of the unit `id`, if it has one.
    subscript(id: String) -> Int32? {
        var id = Self.normal(id)
        return id.withUTF8 { key in
            guard case .found(let n) = find(key) else { return nil }
            return entries[n]
        }
    }

    /// Records `entry` for `id` unless the id has one already; the entry it has, if so.
    mutating func insert(_ id: String, entry: Int32) -> Int32? {
        var id = Self.normal(id)
        return id.withUTF8 { key in
            switch find(key) {
            case .found(let n): return entries[n]
            case .empty(let slot):
                slots[slot] = Int32(entries.count)
                bytes.append(contentsOf: key)
                ends.append(bytes.count)
                entries.append(entry)
                if entries.count * 2 > slots.count { grow() }
                return nil
            }
        }
    }

    /// The id in NFC; ASCII is already.
    private static func normal(_ id: String) -> String {
        id.utf8.allSatisfy { $0 < 0x80 } ? id : NFC.of(id)
    }

    private enum Place { case found(Int), empty(Int) }

    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Place {
        let mask = slots.count - 1
        var slot = hash(key) & mask
        while true {
            let n = Int(slots[slot])
            if n < 0 { return .empty(slot) }
            if idBytes(n).elementsEqual(key) { return .found(n) }
            slot = (slot + 1) & mask
        }
    }

    private func idBytes(_ n: Int) -> ArraySlice<UInt8> {
        bytes[(n == 0 ? 0 : ends[n - 1])..<ends[n]]
    }

    private func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h = Hasher()
        h.combine(bytes: UnsafeRawBufferPointer(key))
        return h.finalize()
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for n in entries.indices {
            var slot = idBytes(n).withUnsafeBufferPointer(hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(n)
        }
    }
}
