import CEL

/// One rule over one activation, the same for both scopes: `applies_to`, then the verdict of
/// the rule as a whole or of each `for_each` item (or `group_by` group) up to the limit, each
/// made a finding where the scope says it belongs (`place`). A unit's rules and the campaign's
/// differ only in what they see and where their findings go, never in how a rule is run.
final class RuleRunner: Sendable {
    let rule: Rule
    /// The rule's place in the rules files, for the order of findings.
    let order: Int
    /// What the rule's findings say of it, shared by all of them.
    let head: RuleHead
    let labels: ItemLabels
    /// Items (or groups) checked one by one at most; the rest are said in one finding.
    let limit: Int
    /// The message of a rule whose `applies_to` is false.
    let notApplicable: String
    /// The rule's checks, made once with the runner.
    let judge: Judge

    /// A unit rule's runner is made once, with its rules (`RuleSet.unitRunners`), not for each
    /// unit: what it holds would be counted up and down for every rule of every file.
    init(rule: Rule, order: Int, labels: ItemLabels, limit: Int, notApplicable: String, texts: DeadlineTexts) {
        self.rule = rule
        self.order = order
        head = RuleHead(id: rule.id, implements: rule.implements, ruleIndex: RuleSet.catalogueIndex(ofRule: order))
        self.labels = labels
        self.limit = limit
        self.notApplicable = notApplicable
        judge = Judge(rule: rule, texts: texts)
    }

    /// What one verdict was about: the items it covers, its label. What it saw (the
    /// activation) is lent to `place` beside it, not copied into it: a copy is three
    /// reference counts up and down per verdict.
    struct Subject {
        /// The `for_each` item, or a group's items (read back one at a time, as a group may
        /// hold a province's records); none for a rule without `for_each`.
        let items: ItemSource
        /// The label findings show for the item or group.
        let label: String?
        /// True for a single `for_each` item (not a group).
        let isItem: Bool
    }

    /// The findings of the rule as of `asOf`, appended to `out` (not returned: a unit's findings
    /// are gathered in one array, each made once). `full` is `a` without the as-of filter (unit
    /// scope), to tell "scheduled" from "absent"; `empty` places the finding of a `for_each`
    /// with no items, where it is kept; `place` places each verdict, or drops it (nil).
    /// `source`, when the caller reads the `for_each` items itself (the campaign index, a unit
    /// at a time), instead of the list the expression gives. `applies`: the unit's
    /// `applies_to` conditions as evaluated so far (unit rules).
    /// Each verdict's finding is made in `out`, of `head`, and completed there by `place`, which
    /// returns false to drop it: a finding is a dozen references. It is made where it is kept:
    /// a template lent to each verdict was copied to be lent, and freed twice, for every rule.
    func run(_ head: FindingHead, _ a: inout Activation, asOf: CELDate, full: inout Activation?, empty: (inout Finding) -> Void = { _ in },
             source: ItemSource? = nil, applies: AppliesCache? = nil, into out: inout [Finding],
             place: (inout Finding, Verdict, Subject, Activation) -> Bool) {
        let severity = rule.severity
        func template() -> Finding { Finding(head: head, status: .pass, severity: severity, message: "") }
        if let why = notApplying(a, cache: applies) {
            // Made only when it becomes a finding, where it is kept: most rules apply, and
            // findings are large.
            out.append(template())
            let last = out.count - 1
            out[last].status = why.status
            out[last].message = why.message
            if let at = why.at { out[last].locations = [at] }
            out[last].order = (order, 0)
            return
        }
        guard let forEach = rule.forEach else {
            add(head, item: 0, judge.verdict(&a, asOf: asOf, full: full), Subject(items: ItemSource([]), label: nil, isItem: false), a,
                into: &out, place: place)
            return
        }
        // Not a list at run time (an error, or a null from an unreadable field): said, rather
        // than nothing reported for the rule.
        let items: ItemSource
        if let source {
            items = source
        } else {
            let range = forEach.eval(a)
            guard case .list(let list) = range else { return out.append(template().ordered(order, 0).forEachFailed(range)) }
            items = ItemSource(list)
        }
        // Nothing to check is said, not left out: the rule stays in the report.
        if items.count == 0 {
            out.append(template().ordered(order, 0).nothingToCheck(forEach))
            return empty(&out[out.count - 1])
        }
        if rule.groupBy.isEmpty {
            // Past the limit, items are not checked one by one: a list of 200,000 empty
            // records does not turn into 200,000 findings.
            // The caller's activation for all the items, `it` bound in place and unbound after:
            // a copy of it would make its bindings' array anew for each rule.
            defer {
                a.unbind("it")
                full?.unbind("it")
            }
            for i in 0..<min(items.count, limit) {
                let item = items[i]
                a.bind("it", item)
                full?.bind("it", item)
                let label = Self.label(rule, item, index: i, a, labels: labels)
                add(head, item: i, judge.verdict(&a, asOf: asOf, full: full), Subject(items: ItemSource(one: item), label: label, isItem: true), a,
                    into: &out, place: place)
            }
            if items.count > limit { out.append(template().tooManyItems(items.count, limit, order: order)) }
            return
        }
        let groups = Self.groups(rule, items, &a)
        let bySize = GroupReads.onlySize(rule)
        for (i, g) in groups.prefix(limit).enumerated() {
            // A group's items are read back only while it is judged, and not at all when the
            // rule asks only how many there are: `group` is then a list of that many nulls,
            // which nothing but `size` reads.
            let members = items.rows(g.rows)
            a.bind("group", .list(bySize ? Array(repeating: .null, count: g.rows.count) : (0..<members.count).map { members[$0] }))
            a.bind("key", .list(g.key))
            add(head, item: i, judge.verdict(&a, asOf: asOf, full: nil),
                Subject(items: members, label: g.key.map(Render.text).joined(separator: " · "), isItem: false), a,
                into: &out, place: place)
        }
        a.unbind("key")
        a.unbind("group")
        if groups.count > limit { out.append(template().tooManyItems(groups.count, limit, order: order)) }
    }

    /// Nil when every `applies_to` holds; else why not: `not_applicable` (with the runner's
    /// message), or `error`, at the condition, when one cannot be evaluated — in either scope,
    /// never silently. `cache`: the unit's conditions already evaluated (unit rules). What the
    /// finding needs, not the finding: a finding made through a closure had the rule's head
    /// counted up and down around every rule of every file.
    private func notApplying(_ a: Activation, cache: AppliesCache?) -> (status: Status, message: String, at: Location?)? {
        let conditions = rule.appliesTo
        for i in conditions.indices {
            // Lent from the rule's list for the call, not copied out of it around the call: a
            // copy is a count up and down on the condition, for each of a rule's conditions in
            // every file.
            let result = Unmanaged.passUnretained(conditions[i])._withUnsafeGuaranteedRef { c in
                cache?.value(c, at: i, a) ?? c.eval(a)
            }
            switch result {
            case .bool(true): continue
            case .bool(false): return (.notApplicable, notApplicable, nil)
            case .error(let e): return (.error, EngineText.evaluationError("applies_to", e.message), conditions[i].location)
            default: return (.error, EngineText.evaluationError("applies_to", EngineText.notABool), conditions[i].location)
            }
        }
        return nil
    }

    /// The finding of one verdict, of `head`, made at the end of `out`, kept unless `place`
    /// drops it.
    private func add(_ head: FindingHead, item: Int, _ verdict: Verdict, _ subject: Subject, _ a: Activation,
                     into out: inout [Finding], place: (inout Finding, Verdict, Subject, Activation) -> Bool) {
        out.append(Finding(head: head, status: .pass, severity: rule.severity, message: ""))
        let last = out.count - 1
        out[last].order = (order, item)
        if !place(&out[last], verdict, subject, a) { out.removeLast() }
    }

    /// The items by the values of `group_by`, groups in the order their first item appears.
    /// Each group holds its items' places in `items`: four bytes each, all groups' in one
    /// array of exactly that size (a province's items, so no array grows per group).
    /// `it` is bound in `a` to each item in turn, and unbound after.
    static func groups(_ rule: Rule, _ items: ItemSource, _ a: inout Activation) -> [(key: [Value], rows: ArraySlice<Int32>)] {
        var keys: [[Value]] = []
        var index: [GroupKey: Int32] = [:]
        var groupOf: [Int32] = []
        groupOf.reserveCapacity(items.count)
        defer { a.unbind("it") }
        for row in 0..<items.count {
            a.bind("it", items[row])
            let key = rule.groupBy.map { $0.eval(a) }
            let k = GroupKey(key)
            if let g = index[k] {
                groupOf.append(g)
            } else {
                index[k] = Int32(keys.count)
                groupOf.append(Int32(keys.count))
                keys.append(key)
            }
        }
        // Counting sort: each group's rows in item order, one group after another.
        var starts = [Int](repeating: 0, count: keys.count + 1)
        for g in groupOf { starts[Int(g) + 1] += 1 }
        for g in keys.indices { starts[g + 1] += starts[g] }
        var next = starts
        var rows = [Int32](repeating: 0, count: groupOf.count)
        for (row, g) in groupOf.enumerated() {
            rows[next[Int(g)]] = Int32(row)
            next[Int(g)] += 1
        }
        return keys.indices.map { (keys[$0], rows[starts[$0]..<starts[$0 + 1]]) }
    }

    /// What findings call a `for_each` item: the rule's `label`, else the item's own name.
    static func label(_ rule: Rule, _ item: Value, index: Int, _ a: Activation, labels: ItemLabels) -> String {
        rule.label.map { Render.text($0.eval(a)) } ?? labels.of(item, index: index)
    }
}

/// The items a `for_each` goes over: the list its expression gave, or items the caller reads
/// one at a time by their place, or the one item a verdict is about.
struct ItemSource {
    private enum Storage {
        case list([Value])
        /// A single `for_each` item, without an array of one made for it.
        case one(Value)
        case read(count: Int, (Int) -> Value, place: ((Int) -> ItemPlace?)?)
    }

    private let storage: Storage

    init(_ list: [Value]) { storage = .list(list) }

    init(one item: Value) { storage = .one(item) }

    /// `place`, when the caller can say where an item was written and whose it is without
    /// reading it whole (`CampaignIndex.place`).
    init(count: Int, read: @escaping (Int) -> Value, place: ((Int) -> ItemPlace?)? = nil) {
        storage = .read(count: count, read, place: place)
    }

    var count: Int {
        switch storage {
        case .list(let l): l.count
        case .one: 1
        case .read(let count, _, _): count
        }
    }

    subscript(i: Int) -> Value {
        switch storage {
        case .list(let l): l[i]
        case .one(let item): item
        case .read(_, let read, _): read(i)
        }
    }

    /// Where item `i` was written and its unit's id, when the source can say so without
    /// reading the item; nil when the item must be read.
    func place(_ i: Int) -> ItemPlace? {
        if case .read(_, _, let place?) = storage { place(i) } else { nil }
    }

    /// The items at `rows` (places in this source), as a source of their own.
    func rows(_ rows: ArraySlice<Int32>) -> ItemSource {
        let start = rows.startIndex
        var place: ((Int) -> ItemPlace?)?
        if case .read(_, _, let p?) = storage { place = { p(Int(rows[start + $0])) } }
        return ItemSource(count: rows.count, read: { self[Int(rows[start + $0])] }, place: place)
    }
}

/// Of an item of a finding about many: where it was written, and the id of its unit (nil when
/// it is not a record, or its unit has no id).
struct ItemPlace {
    let origin: Provenance?
    let unit: String?
}
