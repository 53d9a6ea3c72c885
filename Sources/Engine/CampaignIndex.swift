import CEL
import YAML

/// What a unit leaves behind once its own rules are done, made on its checking thread: who it
/// is, and its part of the campaign index: the record lists campaign rules read (`all.<list>`),
/// as of the date, each item with only the fields they read and its `unit`, written as bytes
/// (`ValueCodec`). The file itself is released.
struct UnitEntry: Sendable {
    let path: String
    let unitID: String?
    let unitName: String?
    /// The unit above it, as its file (or the roster) says.
    let parent: String?
    /// Where the file says which unit it is, for pointing at a duplicate.
    let unitMark: Mark?
    /// The unit's record (as of the date), its name, its whole file when a campaign rule reads
    /// `all.submissions`, then each list of `ruleSet.campaignRecordLists`: a count and the items.
    let bytes: [UInt8]
    /// Values the codec kept aside.
    let aside: [Value]
    /// The number of items of each list.
    let counts: [Int]

    /// `view`: the file as of the date, when the caller has it already.
    init(_ sub: Submission, view: CELObject? = nil, ruleSet: RuleSet, asOf: CELDate) {
        path = sub.path
        unitID = sub.unitID
        unitName = sub.unitName
        unitMark = sub.keyMarks[key: ruleSet.schema.identityKey]
        if case .object(let u)? = sub.root?[ruleSet.schema.identity.field], case .string(let p)? = u[ruleSet.schema.identity.parent] {
            parent = p
        } else {
            parent = nil
        }
        let needed = ruleSet.campaignLists
        guard let root = sub.root, !needed.isEmpty else {
            (bytes, aside, counts) = ([], [], [])
            return
        }
        let view = view ?? AsOfView.view(root, ruleSet.schema.root, asOf: asOf)
        let unit = view[ruleSet.schema.identity.field]
        var w = ValueCodec.Writer(codec: ruleSet.campaignTypes.codec, unit: nil)
        w.write(unit)
        w.write(unitName.map { .string($0) })
        if needed.contains("submissions") {
            // Only the fields campaign rules read of it (`SubmissionProjection`).
            w.masks = ruleSet.campaignTypes.submissionMasks
            w.write(.object(view))
            w.masks = [:]
        }
        // From here on the unit's record is written as a reference: every item carries it.
        if case .object(let u)? = unit { w.unit = u }
        var counts: [Int] = []
        for list in ruleSet.campaignListPlaces {
            guard let type = list.type, case .list(let items)? = list.read(view) else {
                w.count(0)
                counts.append(0)
                continue
            }
            let records = items.compactMap { if case .object(let o) = $0 { o } else { nil } }
            w.count(UInt64(records.count))
            counts.append(records.count)
            for o in records { w.writeRecord(type, of: o, slots: list.kept, then: unit) }
        }
        (bytes, aside, self.counts) = (w.bytes, w.aside, counts)
    }
}

/// Where a record list campaign rules read is in a unit's file (at the root, or one level down:
/// `records.<name>`), found in the schema when the rules load, with its item type and the
/// fields kept: a unit's entry reads it by slot, not by name in the root and each record.
struct CampaignListPlace: Sendable {
    let name: String
    /// `all.<name>`'s item type; nil when the schema has no such list.
    let type: ObjectType?
    /// The slots of the record kept (`CampaignTypes.kept`), or nil for all.
    let kept: [Int]?
    /// Where the list may be, in the order looked at: a field of the root, or a field of one of
    /// the root's records (`outer`), in the root's order.
    let candidates: [(outer: FieldRef?, list: FieldRef)]

    init(_ name: String, schema: Schema, types: CampaignTypes) {
        self.name = name
        type = types.items[name]
        kept = types.kept[name]
        var candidates: [(FieldRef?, FieldRef)] = []
        let root = schema.root
        func isList(_ spec: FieldSpec?) -> Bool { if case .list? = spec?.kind { true } else { false } }
        if isList(root.field(name)), let ref = FieldRef(name, of: root.type) { candidates.append((nil, ref)) }
        for (slot, spec) in root.fields.enumerated() {
            guard case .object(let o) = spec.kind, isList(o.field(name)), let outer = FieldRef(root.names[slot], of: root.type),
                  let ref = FieldRef(name, of: o.type) else { continue }
            candidates.append((outer, ref))
        }
        self.candidates = candidates
    }

    /// The list in `root` (a unit's file, or its view as of a date): the first candidate that is
    /// a list.
    func read(_ root: CELObject) -> Value? {
        for c in candidates {
            var o = root
            if let outer = c.outer {
                guard case .object(let inner)? = outer.read(root) else { continue }
                o = inner
            }
            if let v = c.list.read(o), case .list = v { return v }
        }
        return nil
    }
}

/// Every unit's entry, in file order, kept outside the run's memory (`SpillStore`): per unit
/// only where its bytes end, how many items of each list come before it, and its unit's first
/// file. Campaign rules read it back a unit at a time, so a province's records never need to be
/// in memory at once.
final class CampaignIndex: @unchecked Sendable {
    let ruleSet: RuleSet
    /// The record lists kept, in the order entries write them.
    let lists: [String]
    let keepsRoots: Bool
    /// The path of the file of entry `i`.
    let path: @Sendable (Int) -> String
    private let store: SpillStore
    private var ends: [Int] = []
    /// For each list, the number of its items before each entry (and after the last).
    private var rowStarts: [[UInt32]]
    private var aside: [Value] = []
    private var asideBase: [Int32: Int] = [:]
    /// Each unit's first file, by unit id.
    private(set) var firstEntry: UnitIDTable
    private var buffer: [UInt8] = []
    private var cached: (entry: Int, value: Decoded)?
    private var cachedName: (entry: Int, name: String?)?
    /// The last list read alone (`item`): an entry's items of one list, read in file order.
    private var cachedList: (entry: Int, list: Int, items: [Value])?

    /// `expected`: the run's files, an entry each, for which room is made at once (as
    /// `UnitIDTable(expected:)` does).
    init(ruleSet: RuleSet, store: SpillStore = SpillStore(), expected: Int = 0, path: @escaping @Sendable (Int) -> String) {
        self.ruleSet = ruleSet
        self.store = store
        self.path = path
        lists = ruleSet.campaignRecordLists
        keepsRoots = ruleSet.campaignLists.contains("submissions")
        rowStarts = Array(repeating: [0], count: lists.count)
        ends.reserveCapacity(expected)
        for l in rowStarts.indices { rowStarts[l].reserveCapacity(expected + 1) }
        firstEntry = UnitIDTable(expected: expected)
    }

    /// The entries so far.
    var count: Int { ends.count }

    /// Reads of the index that failed so far, and the last one's errno (`SpillStore`).
    var failedReads: (count: Int, errno: Int32) { (store.failedReads, store.lastError) }


    /// The items of list `l` in all entries.
    func rows(_ l: Int) -> Int { Int(rowStarts[l].last!) }

    /// Adds the next file's entry. For a unit that already had a file, the entry of that file:
    /// the second one's records are not counted again (it is flagged as a duplicate).
    func add(_ e: UnitEntry) -> Int? {
        if let id = e.unitID, let first = firstEntry.insert(id, entry: Int32(count)) {
            append(nil)
            return Int(first)
        }
        append(e)
        return nil
    }

    private func append(_ e: UnitEntry?) {
        if let e, !e.aside.isEmpty {
            asideBase[Int32(count)] = aside.count
            aside += e.aside
        }
        if let e { store.append(e.bytes) }
        ends.append(store.size)
        for l in lists.indices {
            let n = e.flatMap { $0.counts.indices.contains(l) ? $0.counts[l] : nil } ?? 0
            rowStarts[l].append(rowStarts[l].last! &+ UInt32(n))
        }
    }

    /// One entry read back.
    struct Decoded {
        let unitName: String?
        let root: Value?
        let lists: [[Value]]
    }

    /// Where entry `i`'s bytes are in the store (empty for a unit's second file).
    private func bytes(of i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// The unit name entry `i`'s file gives, read without its records: a finding about a unit
    /// needs no more (the last one asked is kept).
    func unitName(_ i: Int) -> String? {
        if let cached, cached.entry == i { return cached.value.unitName }
        if let known = cachedName, known.entry == i { return known.name }
        let name = reading(i, header: true) { _, name, _ in name }
        cachedName = (i, name)
        return name
    }

    /// Entry `i`, read back (the last one read is kept: items are mostly asked for in order).
    func entry(_ i: Int) -> Decoded {
        if let cached, cached.entry == i { return cached.value }
        let decoded = reading(i, header: true) { r, name, root in
            Decoded(unitName: name, root: root, lists: lists.indices.map { items($0, of: i, &r) })
        }
        cached = (i, decoded)
        return decoded
    }

    /// `body` given a reader over entry `e`'s bytes past its unit (kept for the items that refer
    /// to it, unless `unit` is false: then passed over), its name and its file (read when
    /// `header`, else passed over). An entry with no bytes gives a reader at its end.
    private func reading<R>(_ e: Int, header: Bool, unit readsUnit: Bool = true,
                            _ body: (inout ValueCodec.Reader, _ name: String?, _ root: Value?) -> R) -> R {
        store.read(bytes(of: e), into: &buffer)
        return buffer.withUnsafeBytes { bytes -> R in
            var r = ValueCodec.Reader(codec: ruleSet.campaignTypes.codec, bytes: bytes, aside: aside,
                                      asideBase: asideBase[Int32(e)] ?? 0)
            guard !bytes.isEmpty else { return body(&r, nil, nil) }
            var unit: Value?
            if readsUnit { unit = r.read() } else { r.skip() }
            var name: String?, root: Value?
            if header {
                if case .string(let s)? = r.read() { name = s }
                root = keepsRoots ? r.read() : nil
            } else {
                r.skip()
                if keepsRoots { r.skip() }
            }
            if case .object(let u)? = unit { r.unit = u }
            return body(&r, name, root)
        }
    }

    /// The items of list `l` of entry `e`, the reader at the list: as many as were counted when
    /// the entry was written, whatever the bytes read back say. A file the disk could not give
    /// back (`SpillStore.failedReads`) yields nulls, never a list shorter or longer than its places.
    private func items(_ l: Int, of e: Int, _ r: inout ValueCodec.Reader) -> [Value] {
        let expected = Int(rowStarts[l][e + 1] - rowStarts[l][e])
        let written = Int(r.count())
        return (0..<expected).map { $0 < written ? r.read() ?? .null : .null }
    }

    /// Passes over list `l` of entry `e` as `items` reads it.
    private func skipItems(_ l: Int, of e: Int, _ r: inout ValueCodec.Reader) {
        let expected = Int(rowStarts[l][e + 1] - rowStarts[l][e])
        for _ in 0..<min(expected, Int(r.count())) { r.skip() }
    }

    /// The entry that item `row` of list `l` belongs to.
    func owner(_ l: Int, row: Int) -> Int {
        let starts = rowStarts[l]
        if let cached, Int(starts[cached.entry]) <= row, row < Int(starts[cached.entry + 1]) { return cached.entry }
        if let c = cachedList, c.list == l, Int(starts[c.entry]) <= row, row < Int(starts[c.entry + 1]) { return c.entry }
        // The last entry whose first item is at or before the row.
        var lo = 0, hi = starts.count - 1
        while lo + 1 < hi {
            let mid = (lo + hi) / 2
            if Int(starts[mid]) <= row { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// Item `row` of list `l`. Read in file order (from an entry's first item on), the entry's
    /// items of that list are read back and kept for the items after; an item asked for out of
    /// order (a group's, whose items are spread over the units) is read alone. Either way only
    /// that list is built, the values before it in the entry passed over.
    func item(_ l: Int, row: Int) -> Value {
        let e = owner(l, row: row)
        let k = row - Int(rowStarts[l][e])
        if let c = cachedList, c.entry == e, c.list == l { return c.items[k] }
        if let cached, cached.entry == e { return cached.value.lists[l][k] }
        if k == 0 {
            let all = list(l, of: e)
            cachedList = (e, l, all)
            return all[0]
        }
        return reading(e, header: false) { r, _, _ in
            guard seek(l, item: k, of: e, &r) else { return .null }
            return r.read() ?? .null
        }
    }

    /// List `l` of entry `e` alone, the lists before it passed over.
    private func list(_ l: Int, of e: Int) -> [Value] {
        reading(e, header: false) { r, _, _ in
            for before in 0..<l { skipItems(before, of: e, &r) }
            return items(l, of: e, &r)
        }
    }

    /// Moves the reader, at entry `e`'s first list, to item `k` of list `l`; false when the
    /// entry's bytes hold no such item.
    private func seek(_ l: Int, item k: Int, of e: Int, _ r: inout ValueCodec.Reader) -> Bool {
        for before in 0..<l { skipItems(before, of: e, &r) }
        guard k < Int(r.count()) else { return false }
        for _ in 0..<k { r.skip() }
        return true
    }

    /// Item `row` of list `l` as a finding about many items needs it: where it was written
    /// and its unit's id, as `item` would give them, but without making the item, its texts or
    /// its unit (each entry's unit id is read once and kept). Nil when the item is not a record.
    func place(_ l: Int, row: Int) -> ItemPlace? {
        let e = owner(l, row: row)
        let k = row - Int(rowStarts[l][e])
        // Already read whole: taken from there.
        if (cachedList.map { $0.entry == e && $0.list == l } ?? false) || cached?.entry == e {
            guard case .object(let o) = item(l, row: row) else { return nil }
            return ItemPlace(origin: o.origin, unit: Self.unitID(o[ruleSet.schema.identity.field], ruleSet.schema.identity))
        }
        let identity = ruleSet.schema.identity
        let known = unitIDs[e]
        return reading(e, header: false, unit: known == nil) { r, _, _ in
            guard r.at < r.bytes.count else { return nil }
            // Read here once per entry (`unit: true`), then kept.
            let entryUnit = known ?? Self.unitID(r.unit.map(Value.object), identity)
            if known == nil {
                if unitIDs.count >= Self.unitIDsKept { unitIDs.removeAll(keepingCapacity: true) }
                unitIDs[e] = entryUnit
            }
            guard seek(l, item: k, of: e, &r) else { return nil }
            return r.place(unitField: identity.field) { unit in
                // The item's unit: the entry's own (written as a reference), or a value of its own.
                if case .unitReference = unit { return entryUnit }
                if case .value(let v) = unit { return Self.unitID(v, identity) }
                return nil
            }
        }
    }

    /// The entries' unit ids read by `place`, at most `unitIDsKept` of them.
    private var unitIDs: [Int: String?] = [:]
    private static let unitIDsKept = 4096

    /// The id of a unit's record (`unit.id`), when it is a record with a text id.
    static func unitID(_ unit: Value?, _ identity: UnitIdentity) -> String? {
        guard case .object(let u)? = unit, case .string(let id)? = u[identity.id] else { return nil }
        return id
    }

    /// The whole list `l`, every unit's items in file order: of each entry that list alone, the
    /// lists before it passed over (a rule reading every unit's claims does not make every
    /// unit's problems and visits for it).
    func materialized(_ l: Int) -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(rows(l))
        for e in 0..<count where rowStarts[l][e] < rowStarts[l][e + 1] { out += list(l, of: e) }
        return out
    }

    /// Every unit's file as of the date, for `all.submissions`.
    func roots() -> [Value] {
        guard keepsRoots else { return [] }
        return (0..<count).compactMap { bytes(of: $0).isEmpty ? nil : entry($0).root }
    }

    /// `all` with the lists named (`submissions` included) read back, and the others empty:
    /// a rule that does not read a list cannot tell.
    func all(_ names: Set<String>) -> CELObject {
        let types = ruleSet.campaignTypes
        let fields: [Value?] = types.all.fieldNames.map { name in
            guard names.contains(name) else { return .list([]) }
            if name == "submissions" { return .list(roots()) }
            return .list(lists.firstIndex(of: name).map(materialized) ?? [])
        }
        return CELObject.make(type: types.all, fields: fields)
    }
}

extension Rule {
    /// Every compiled expression of the rule, message holes included.
    var compiledExpressions: [CompiledExpression] {
        var out = appliesTo + groupBy
        for e in [forEach, label, forUnit, value, expect, doneOn, due, tolerance] { if let e { out.append(e) } }
        if let message {
            for case .expression(let e) in message.parts { out.append(e) }
        }
        return out
    }

    /// The expressions whose values its findings show whole: a group's key, the value, the
    /// label and the message's holes. A record among them is shown with every field.
    var shown: [CompiledExpression] {
        var out = groupBy + [value, label].compactMap { $0 }
        if let message { for case .expression(let e) in message.parts { out.append(e) } }
        return out
    }
}

enum CampaignReads {
    /// The `all.<list>` fields campaign rules read; `all` used whole means every list.
    static func lists(_ rules: [Rule], all: ObjectType) -> Set<String> {
        lists(in: rules.filter { $0.scope == .campaign }.flatMap(\.compiledExpressions).map(\.program.expr), all: all)
    }

    /// The `all.<list>` fields the expressions read.
    static func lists(in exprs: [Expr], all: ObjectType) -> Set<String> {
        let paths = Reads.paths(in: exprs, roots: ["all"])
        if paths.contains("all") { return Set(all.fieldNames) }
        return Set(paths.compactMap { $0.hasPrefix("all.") ? String($0.dropFirst(4)) : nil })
    }
}
