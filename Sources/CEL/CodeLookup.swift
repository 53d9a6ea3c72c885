/// `l.exists(x, x.f == e && …)` asked again and again of one list — a campaign rule asking of
/// each unit's problem whether some unit claimed it — looks the items up instead of going over
/// them all: a province's items against a province's items would otherwise be quadratic.
extension Loops {
    /// An `exists` whose condition requires, among its top `&&`s, that a field path of the item
    /// (`c.unit.id`, or the item itself) equal a value the item does not change (`it.escalated_to`).
    ///
    /// The first time the evaluations of one meter ask it of a list it goes over the list as
    /// `exists` does; from the second time on, it looks the items up in an index of the list by
    /// those fields, made once (`Lookups`), and judges only the items whose fields match, and
    /// those whose fields could not be indexed, in list order. Every other item's condition is
    /// false (one of its `&&`s compares values that are not equal), so the result, and which
    /// error it gives, are those of going over the whole list. Only the budget sees the
    /// difference: the items skipped are not charged.
    final class Lookup: Quantifier, @unchecked Sendable {
        /// The conditions looked up by: the item's side, and the side the item does not change.
        let keys: [(item: Code, other: Code)]

        /// Lists shorter than this are gone over: an index would not repay making it.
        static let minimum = 16

        init(range: Code, slot: Int, predicate: Code, keys: [(item: Code, other: Code)], _ at: SourceRange) {
            self.keys = keys
            super.init(range: range, slot: slot, two: false, predicate: predicate, decisive: true, at)
        }

        override func value(_ f: inout Frame) -> Value {
            var failure = Value.null
            guard let steps = Steps(over.eval(&f), twoVariables: false, failure: &failure) else { return failure }
            if steps.isList, steps.count >= Self.minimum, steps.count < Int(Int32.max), let found = lookUp(steps.firsts, &f) {
                return found
            }
            return quantify(steps, &f)
        }

        /// The value by the index of `list`, or nil to go over it (the first time it is asked
        /// of this list, without a meter to keep the index with, or when a value looked up by
        /// cannot be indexed).
        @inline(never)
        private func lookUp(_ list: [Value], _ f: inout Frame) -> Value? {
            guard let lookups = f.activation.pointee.meter?.lookups else { return nil }
            let index: LookupIndex
            switch lookups.state(of: self, list) {
            case .new: return nil
            case .indexed(let made): index = made
            case .again:
                guard let made = build(list, &f) else { return f.costExceeded }
                lookups.store(made, of: self)
                index = made
            }
            var wanted: [LookupKey] = []
            wanted.reserveCapacity(keys.count)
            for k in keys {
                guard let key = LookupKey(k.other.eval(&f)) else { return nil }
                wanted.append(key)
            }
            return judge(list, rows: index.rows[wanted] ?? [], index.unindexed, &f)
        }

        /// The index of `list` by the keys' item sides; nil when the budget ran out.
        private func build(_ list: [Value], _ f: inout Frame) -> LookupIndex? {
            let index = LookupIndex()
            var key: [LookupKey] = []
            key.reserveCapacity(keys.count)
            f.clear(slot)
            defer { f.forget(slot) }
            let done = list.withUnsafeBufferPointer { items -> Bool in
                for i in items.indices {
                    if f.exhausted { return false }
                    f.lend(items.baseAddress! + i, to: slot)
                    key.removeAll(keepingCapacity: true)
                    for k in keys {
                        guard let part = LookupKey(k.item.eval(&f)) else { break }
                        key.append(part)
                    }
                    if key.count == keys.count {
                        index.rows[key, default: []].append(Int32(i))
                    } else {
                        index.unindexed.append(Int32(i))
                    }
                }
                return true
            }
            return done ? index : nil
        }

        /// `exists` over the items at `rows` and `unindexed` (each ascending), in list order.
        private func judge(_ list: [Value], rows: [Int32], _ unindexed: [Int32], _ f: inout Frame) -> Value {
            var firstError: Value?
            f.clear(slot)
            defer { f.forget(slot) }
            return list.withUnsafeBufferPointer { items -> Value in
                var a = 0, b = 0
                while a < rows.count || b < unindexed.count {
                    let i: Int32
                    if b == unindexed.count || (a < rows.count && rows[a] < unindexed[b]) {
                        i = rows[a]
                        a += 1
                    } else {
                        i = unindexed[b]
                        b += 1
                    }
                    if f.exhausted { return f.costExceeded }
                    f.lend(items.baseAddress! + Int(i), to: slot)
                    let r = predicate.eval(&f)
                    switch r {
                    case .bool(true): return r
                    case .bool(false): break
                    case .error: if firstError == nil { firstError = r }
                    default: if firstError == nil { firstError = .fail(CELText.expectedType("bool", r.celType.description)) }
                    }
                }
                return firstError ?? .bool(false)
            }
        }
    }
}

/// The indexes `Loops.Lookup` made for the evaluations of one meter (a rule over a unit, or a
/// campaign rule), by node: each holds the list it indexes, so the list's storage, which tells
/// it is the same list, stays its own while the index is kept. Used by one thread at a time,
/// as its meter is.
public final class Lookups: @unchecked Sendable {
    enum State {
        /// Not asked of this list before: go over it.
        case new
        /// Asked of it before: index it.
        case again
        case indexed(LookupIndex)
    }

    private var entries: [ObjectIdentifier: (list: [Value], index: LookupIndex?)] = [:]

    /// Whether `node` has met `list` before, and its index if made; remembers `list` if not.
    func state(of node: Code, _ list: [Value]) -> State {
        let id = ObjectIdentifier(node)
        if let entry = entries[id], Self.same(entry.list, list) { return entry.index.map(State.indexed) ?? .again }
        entries[id] = (list, nil)
        return .new
    }

    /// Keeps `index`, made of the list `node` last met.
    func store(_ index: LookupIndex, of node: Code) {
        entries[ObjectIdentifier(node)]?.index = index
    }

    /// Whether two lists are one: the same storage (held, so not another list's since).
    private static func same(_ a: [Value], _ b: [Value]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
    }
}

/// A list's items by the keys of their fields: the places of the items with each key, and of
/// those with a field that has no key, each ascending.
final class LookupIndex {
    var rows: [[LookupKey]: [Int32]] = [:]
    var unindexed: [Int32] = []
}

/// A value as an index knows it: values CEL calls equal (`Equality.equal`) have one key;
/// lists, maps, records, optionals, types and errors have none (an item with such a field is
/// judged whatever is looked up, and such a value looked up goes over the list).
enum LookupKey: Hashable {
    case null
    case bool(Bool)
    /// An int, uint or double by its value as a double (zero and NaN each one way): CEL
    /// compares an int with a double as doubles, so equal numbers of any kinds share a key.
    /// Different ints may share one too; the condition tells them apart.
    case number(UInt64)
    case string(LookupText)
    case bytes([UInt8])
    case date(Int32)
    case timestamp(CELTimestamp)
    case duration(CELDuration)

    init?(_ v: Value) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .number(Self.bits(Double(i)))
        case .uint(let u): self = .number(Self.bits(Double(u)))
        case .double(let d): self = .number(Self.bits(d))
        case .string(let s): self = .string(LookupText(s))
        case .bytes(let b): self = .bytes(b)
        case .date(let d): self = .date(d.day)
        case .timestamp(let t): self = .timestamp(t)
        case .duration(let d): self = .duration(d)
        default: return nil
        }
    }

    private static func bits(_ d: Double) -> UInt64 {
        if d.isNaN { return Double.nan.bitPattern }
        return d == 0 ? 0 : d.bitPattern
    }
}

/// A text compared and hashed by its UTF-8 bytes, as CEL compares texts (`String`'s own `==`
/// and hash go by canonical equivalence).
struct LookupText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: LookupText, b: LookupText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        Equality.bytes(text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
