extension Loops.Loop {
    /// `body` over the steps of the range that `plan` picks out: a one-variable macro that
    /// looks its items up. A range that is no list or map gives its error.
    @inline(__always)
    final func lookedUp(_ plan: LookupPlan, _ f: inout Frame, _ body: (Loops.Steps, inout Frame) -> Value) -> Value {
        var failure = Value.null
        guard let steps = Loops.Steps(over.eval(&f), twoVariables: false, failure: &failure) else { return failure }
        return plan.over(steps, of: self, &f, body)
    }
}

extension Loops {
    /// `exists` whose condition requires, among its top `&&`s, that a field path of the item
    /// (`c.unit.id`, or the item itself) equal a value the item does not change
    /// (`it.escalated_to`) — or, for a condition of `||`s, each of them requires one — or `all`
    /// whose condition holds, among its top `||`s, when such a path differs from such a value
    /// (`s.unit.id != it.unit.id || …`): judged over the items `LookupPlan` picks out, when it can.
    final class Lookup: Quantifier, @unchecked Sendable {
        let plan: LookupPlan

        init(range: Code, slot: Int, predicate: Code, decisive: Bool, keys: [LookupPlan.Keys], _ at: SourceRange) {
            plan = LookupPlan(alternatives: keys, slot: slot)
            super.init(range: range, slot: slot, two: false, predicate: predicate, decisive: decisive, at)
        }

        override func value(_ f: inout Frame) -> Value {
            lookedUp(plan, &f) { steps, f in quantify(steps, &f) }
        }
    }

    /// `exists_one` whose condition `LookupPlan` can look items up by: counts over the items
    /// it picks out, when it can.
    final class LookupExistsOne: ExistsOne, @unchecked Sendable {
        let plan: LookupPlan

        init(range: Code, slot: Int, predicate: Code, keys: [LookupPlan.Keys], _ at: SourceRange) {
            plan = LookupPlan(alternatives: keys, slot: slot)
            super.init(range: range, slot: slot, two: false, predicate: predicate, at)
        }

        override func value(_ f: inout Frame) -> Value {
            lookedUp(plan, &f) { steps, f in count(steps, &f) }
        }
    }

    /// `filter`, or `map` with a filter, whose condition `LookupPlan` can look items up by:
    /// over the items it picks out, when it can; in a chain, the chain's first macro.
    final class LookupCollect: Collect, @unchecked Sendable {
        let plan: LookupPlan

        init(range: Code, slot: Int, predicate: Code, transform: Code?, keys: [LookupPlan.Keys], _ at: SourceRange) {
            plan = LookupPlan(alternatives: keys, slot: slot)
            super.init(range: range, slot: slot, two: false, predicate: predicate, transform: transform, toMap: false, at)
        }

        override func value(_ f: inout Frame) -> Value {
            lookedUp(plan, &f) { steps, f in collect(steps, &f) }
        }
    }
}

/// How a macro asked again and again of one list — a campaign rule asking of each unit's
/// problem whether some unit claimed it — finds the items its condition may hold for without
/// going over them all: a province's items against a province's items would be quadratic.
///
/// The condition's top `&&`s include `path == other` (for `all`: its top `||`s include
/// `path != other`), `path` the macro's variable or a field path from it (`c.unit.id`),
/// `other` not naming the variable (`it.escalated_to`); or the condition is `||`s of such
/// conditions (`c.unit.id == it.to || c.unit.id == it.parent`), its alternatives, each with
/// paths of its own. The first time the evaluations of one meter ask it of a list, the macro
/// goes over the list; the second time, the list is indexed by those paths' values
/// (`Lookups`), and from then on only the items whose values equal the others' in some
/// alternative, and those with a value that has no key (a list, a map, an error), are judged,
/// in list order. Every other item's condition is false (one of its `&&`s compares values
/// that are not equal, in every alternative; for `all`, true: one of its `||`s does), which
/// decides nothing, so the macro's value, and which error it gives, are those of going over
/// the whole list. Only the budget sees the difference: the items skipped are not charged.
final class LookupPlan: @unchecked Sendable {
    /// The conditions of one alternative: the item's side, and the side the item does not change.
    typealias Keys = [(item: Code, other: Code)]
    /// The alternatives looked up by (one, unless the condition is `||`s), none empty.
    let alternatives: [Keys]
    /// The macro's variable.
    let slot: Int

    /// Lists shorter than this are gone over: an index would not repay making it.
    static let minimum = 16

    init(alternatives: [Keys], slot: Int) {
        self.alternatives = alternatives
        self.slot = slot
    }

    enum Found {
        /// The items to judge, in list order.
        case items([Value])
        /// The budget ran out while indexing.
        case stop(Value)
    }

    /// `body` over the steps the macro `node` judges of `steps`: the items `candidates` picks
    /// out of a list, or all of them.
    @inline(__always)
    func over(_ steps: Loops.Steps, of node: Code, _ f: inout Frame, _ body: (Loops.Steps, inout Frame) -> Value) -> Value {
        if steps.isList, steps.count >= Self.minimum {
            switch candidates(steps.firsts, of: node, &f) {
            case .items(let picked)?: return body(Loops.Steps(list: picked), &f)
            case .stop(let v)?: return v
            case nil: break
            }
        }
        return body(steps, &f)
    }

    /// The items of `list` the condition may hold for, for the macro `node`; nil to go over the
    /// whole list (the first time it is asked of this list, without a meter to keep the index
    /// with, or when a value looked up by has no key).
    @inline(never)
    func candidates(_ list: [Value], of node: Code, _ f: inout Frame) -> Found? {
        guard list.count >= Self.minimum, list.count < Int(Int32.max), let lookups = f.activation.pointee.meter?.lookups else { return nil }
        let index: LookupIndex
        switch lookups.state(of: node, list) {
        case .new: return nil
        case .indexed(let made): index = made
        case .again:
            guard let made = build(list, &f) else { return .stop(f.costExceeded) }
            lookups.store(made, of: node)
            index = made
        }
        var found: [[Int32]] = []
        found.reserveCapacity(alternatives.count)
        for (a, keys) in alternatives.enumerated() {
            var wanted = Self.hasher(a, of: alternatives.count)
            for k in keys {
                guard let key = LookupKey(k.other.eval(&f)) else { return nil }
                wanted.combine(key)
            }
            found.append(index.rows(wanted.finalize()))
        }
        let unindexed = index.unindexed
        // Most items without a key: picking them out would cost more than going over them.
        if unindexed.count * 2 > list.count { return nil }
        var rows = found[0]
        if found.count > 1 {
            // An item may be found by several alternatives: once each, in list order.
            rows = found.flatMap { $0 }.sorted()
            rows.dropRepeats()
        }
        var picked: [Value] = []
        picked.reserveCapacity(rows.count + unindexed.count)
        var a = 0, b = 0
        while a < rows.count || b < unindexed.count {
            if b == unindexed.count || (a < rows.count && rows[a] < unindexed[b]) {
                picked.append(list[Int(rows[a])])
                a += 1
            } else {
                picked.append(list[Int(unindexed[b])])
                b += 1
            }
        }
        return .items(picked)
    }

    /// A hasher for alternative `a`'s keys, given its number first when it is not the only one.
    private static func hasher(_ a: Int, of count: Int) -> Hasher {
        var h = Hasher()
        if count > 1 { h.combine(LookupKey.alternative(a)) }
        return h
    }

    /// The index of `list` by the keys' item sides, each alternative's apart; nil when the
    /// budget ran out. An item one alternative has no key for is judged whatever is looked up.
    private func build(_ list: [Value], _ f: inout Frame) -> LookupIndex? {
        let index = LookupIndex()
        var hashes = [Int](repeating: 0, count: alternatives.count)
        f.clear(slot)
        defer { f.forget(slot) }
        let done = list.withUnsafeBufferPointer { items -> Bool in
            for i in items.indices {
                if f.exhausted { return false }
                f.lend(items.baseAddress! + i, to: slot)
                var keyed = true
                for (a, paths) in alternatives.enumerated() where keyed {
                    var h = Self.hasher(a, of: alternatives.count)
                    for k in paths {
                        guard let part = LookupKey(k.item.eval(&f)) else { keyed = false; break }
                        h.combine(part)
                    }
                    hashes[a] = h.finalize()
                }
                guard keyed else {
                    index.unindexed.append(Int32(i))
                    continue
                }
                for h in hashes { index.add(h, row: Int32(i)) }
            }
            return true
        }
        index.seal()
        return done ? index : nil
    }
}

/// How `x in list`, asked of one list again and again (`it.escalated_to in all.submissions.map(s,
/// s.unit.id)`, the list kept whole by `Loops.Invariant`), finds `x` without going over the
/// list: the second time, the list is indexed by its items' keys (`LookupKey`), and from then
/// on only the items with `x`'s key are compared with it. The value is the one going over the
/// list gives (comparing never fails); the budget is charged the items compared, and the list
/// once to index it.
enum MemberIndex {
    /// Whether `x` is in `list`, for the call `node`; nil to go over the list (the first time
    /// it is asked of this list, or without a meter to keep the index with).
    static func find(_ x: Value, in list: [Value], of node: Code, _ f: inout Frame) -> Value? {
        guard list.count < Int(Int32.max), let lookups = f.activation.pointee.meter?.lookups, let key = LookupKey(x) else { return nil }
        let index: LookupIndex
        switch lookups.state(of: node, list) {
        case .new: return nil
        case .indexed(let made): index = made
        case .again:
            if let over = f.charge(list.count) { return over }
            let made = LookupIndex()
            for i in list.indices {
                if let k = LookupKey(list[i]) { made.add(k.hashValue, row: Int32(i)) }
            }
            made.seal()
            lookups.store(made, of: node)
            index = made
        }
        // An item with no key (a list, a map, a record) is never equal to a value that has
        // one: only the items with `x`'s key (or its hash) are compared.
        let rows = index.rows(key.hashValue)
        var steps = 1 &+ rows.count
        if case .string(let s) = x { steps &+= s.utf8.count / 16 }
        if let over = f.charge(steps) { return over }
        for i in rows where Equality.equal(list[Int(i)], x) { return .bool(true) }
        return .bool(false)
    }
}

/// The indexes `LookupPlan` and `MemberIndex` made for the evaluations of one meter (a unit's
/// rules, or a campaign rule), and the parts `Loops.Invariant` kept, by node: each holds the
/// list it indexes (the values it was made of), so the list's storage, which tells it is the
/// same list, stays its own while the index is kept. Used by one thread at a time, as its
/// meter is.
public final class Lookups: @unchecked Sendable {
    enum State {
        /// Not asked of this list before: go over it.
        case new
        /// Asked of it before: index it.
        case again
        case indexed(LookupIndex)
    }

    private var entries: [ObjectIdentifier: (list: [Value], index: LookupIndex?)] = [:]
    /// The values `Loops.Invariant` parts made, by node, with the values of the variables each read.
    private var kept: [ObjectIdentifier: (variables: [Value], value: Value)] = [:]

    /// The value `node` made last, if its variables' values are the same ones now.
    func kept(of node: Loops.Invariant, _ f: inout Frame) -> Value? {
        guard let k = kept[ObjectIdentifier(node)] else { return nil }
        for i in node.names.indices where !Value.identical(k.variables[i], node.names[i].value(&f)) { return nil }
        return k.value
    }

    /// Keeps `value`, made by `node` with `variables`, in place of what it made before.
    func keep(_ value: Value, of node: Code, for variables: [Value]) {
        kept[ObjectIdentifier(node)] = (variables, value)
    }

    /// Whether `node` has met `list` before, and its index if made; remembers `list` if not.
    func state(of node: Code, _ list: [Value]) -> State {
        let id = ObjectIdentifier(node)
        if let entry = entries[id], Value.sameStorage(entry.list, list) { return entry.index.map(State.indexed) ?? .again }
        entries[id] = (list, nil)
        return .new
    }

    /// Keeps `index`, made of the list `node` last met.
    func store(_ index: LookupIndex, of node: Code) {
        entries[ObjectIdentifier(node)]?.index = index
    }
}

/// A list's items by the hashes of their fields' keys (`Hasher`, seeded as the standard
/// library seeds it, so a file cannot choose keys that share one): the place of each item
/// with keys, sorted by hash, and the places of those with a field that has no key. Items
/// whose keys differ may share a hash; they are then judged too, by the condition itself, so
/// a lookup finds every item it must and, rarely, one more. Sixteen bytes an item: a
/// dictionary of the keys took 8.6 MB more at the peak for 100,000 units' claims.
final class LookupIndex {
    private struct Entry {
        let hash: Int
        let row: Int32
    }

    private var entries: [Entry] = []
    /// The places of the items with a field that has no key, ascending.
    var unindexed: [Int32] = []

    /// Files the item at `row` under `hash`; `seal` once every item is.
    func add(_ hash: Int, row: Int32) { entries.append(Entry(hash: hash, row: row)) }

    /// Sorts what was added, by hash, then place.
    func seal() { entries.sort { ($0.hash, $0.row) < ($1.hash, $1.row) } }

    /// The places of the items filed under `hash`, ascending.
    func rows(_ hash: Int) -> [Int32] {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].hash < hash { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int32] = []
        while lo < entries.count, entries[lo].hash == hash {
            out.append(entries[lo].row)
            lo += 1
        }
        return out
    }
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
    /// Which of a condition's alternatives (`||`s) the keys after it are of; no value has it.
    case alternative(Int)

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
