import CEL

/// Evaluates campaign-scope rules over all units together: `all.<list>` holds every unit's
/// records (as of the date), each with its `unit`; `group_by` gives one finding per group.
///
/// The records come from the `CampaignIndex`, a unit at a time. A rule whose `for_each` is a
/// list of `all` (`all.visits`), or a filter of one (`all.problems.filter(p, …)`), goes over
/// the index without holding the list, and a group holds its items' places until it is
/// judged. A list a rule reads in any other way is read back whole for that rule alone.
struct CampaignEvaluator {
    let ruleSet: RuleSet
    let index: CampaignIndex
    let asOf: CELDate
    /// Only some units' files are in the run (a unit checking its own file): a finding that
    /// belongs to a unit whose file is not here cannot be judged and is left out.
    let partial: Bool
    /// Each file's path made once: a group's findings point at many files, and every group
    /// of a rule at the same ones.
    private let paths: PathNames

    /// `sharePaths`: when findings are held until the end, their locations share one string
    /// per file instead of one each.
    init(ruleSet: RuleSet, index: CampaignIndex, asOf: CELDate, partial: Bool = false, sharePaths: Bool = true) {
        (self.ruleSet, self.index, self.asOf, self.partial) = (ruleSet, index, asOf, partial)
        paths = PathNames(index, keep: sharePaths)
    }

    /// Every campaign rule's findings, held until every rule is done (a unit's come together,
    /// whichever rule made them) in a spill file (`HeldFindings`); `read` gives them back in
    /// report order: campaign-wide ones first, then each unit's in file order, each in rule
    /// and item order. `streaming`: the campaign-wide ones go to `early` as they are made
    /// (they come first, in the order made) instead of being held.
    func findings(streaming: Bool = false, early: (Finding) -> Void = { _ in }) -> HeldFindings {
        let held = HeldFindings()
        let rules = ruleSet.rules.enumerated().filter { $0.element.scope == .campaign }
        // A campaign rule looks at every unit: its budget is the per-unit one times the units.
        let cost = timesUnits(ruleSet.limits.cost)
        for (order, rule) in rules {
            var a = Activation(["values": .object(ruleSet.values), "as_of": .date(asOf)])
            a.meter = CostMeter(limit: cost)
            evaluate(rule, order: order, a, streaming: streaming, early: early, into: held)
        }
        return held
    }

    /// The findings `held` holds, in report order, each with its unit's name and file; then,
    /// should the spill file fail them, one error finding saying so in place of the rest.
    func read(_ held: HeldFindings, _ body: (Finding) -> Void) {
        var head: (entry: Int, who: UnitHead)?
        let failed = held.forEach(path: index.path, who: { e, id in
            if head?.entry != e { head = (e, UnitHead(unit: id, unitName: index.unitName(e), file: paths[e])) }
            return head!.who
        }, body)
        if let (rule, errno) = failed {
            let campaignWide = FindingHead(UnitHead(unit: nil, unitName: nil, file: nil), rule: rule.rule, implements: rule.implements,
                                           ruleIndex: rule.ruleIndex)
            var f = Finding(head: campaignWide, status: .error, severity: .error, message: EngineText.indexUnreadable(errno))
            f.order = (Int.max, Int.max)
            body(f)
        }
    }

    /// Every finding, in report order: for tests.
    func all() -> [Finding] {
        var out: [Finding] = []
        read(findings()) { out.append($0) }
        return out
    }

    /// A per-unit limit for a rule over every unit (at least one), or no limit past `Int.max`.
    private func timesUnits(_ limit: Int) -> Int {
        let (product, overflow) = limit.multipliedReportingOverflow(by: max(1, index.count))
        return overflow ? Int.max : product
    }

    /// How a rule's `for_each` can go over the index: list `list` of `all`, every item or those
    /// for which `filter` (with the item as `variable`) is true.
    private struct Stream {
        let list: Int
        let filter: (variable: String, predicate: Program)?
        /// The expression left to read in the ordinary way.
        let rest: [Expr]
    }

    private func stream(_ rule: Rule) -> Stream? {
        guard let forEach = rule.forEach else { return nil }
        let program = forEach.program
        func list(_ e: Expr) -> Int? {
            guard case .select(let operand, let field, false) = e.kind, case .ident("all") = operand.kind else { return nil }
            return index.lists.firstIndex(of: field)
        }
        if let l = list(program.expr) { return Stream(list: l, filter: nil, rest: []) }
        if case .comprehension(let c) = program.expr.kind, c.macro == .filter, c.variable2 == nil,
           let l = list(c.range), let predicate = c.predicate {
            return Stream(list: l, filter: (c.variable, program.sub(predicate, binding: c.variable)), rest: [predicate])
        }
        return nil
    }

    private func evaluate(_ rule: Rule, order: Int, _ base: Activation, streaming: Bool, early: (Finding) -> Void, into held: HeldFindings) {
        let failedBefore = index.failedReads.count
        // A campaign rule may look at every unit's items: its limit is the per-unit one times the units.
        let runner = RuleRunner(rule: rule, order: order, labels: ruleSet.itemLabels, limit: timesUnits(ruleSet.limits.items),
                                notApplicable: EngineText.notApplicable, texts: ruleSet.deadlineTexts)
        let template = Finding(head: FindingHead(UnitHead(unit: nil, unitName: nil, file: nil), runner.head),
                               status: .pass, severity: rule.severity, message: "")
        let streamed = stream(rule)
        // Read back only what the rule reads outside the stream.
        var exprs = rule.compiledExpressions.map(\.program.expr)
        if let streamed, let forEach = rule.forEach {
            exprs = rule.compiledExpressions.filter { $0 !== forEach }.map(\.program.expr) + streamed.rest
        }
        let names = CampaignReads.lists(in: exprs, all: ruleSet.campaignTypes.all)
        var a = base
        a.setBase("all", .object(index.all(names)))
        var source: ItemSource?
        if let streamed, rule.appliesTo.allSatisfy({ if case .bool(true) = $0.eval(a) { true } else { false } }) {
            source = items(streamed, a)
            if source == nil { a.setBase("all", .object(index.all(names.union([index.lists[streamed.list]])))) }
        }
        var made: [Finding] = []
        var noFull: Activation?
        runner.run(template.head, &a, asOf: asOf, full: &noFull, source: source, into: &made, place: { f, verdict, subject, seen in
            var owner: String?
            if subject.isItem, let forUnit = rule.forUnit, case .string(let id) = forUnit.eval(seen) { owner = id }
            // A unit checking only its own file: a finding about a unit whose file is not here
            // cannot be judged.
            if partial, let owner, index.firstEntry[owner] == nil { return false }
            finding(&f, verdict, items: subject.items, label: subject.label, owner: owner)
            // Said at once, not held until the rule is done: each group may point at
            // thousands of records. The rest go to the spill file as they are made.
            hold(f)
            return false
        })
        // What the runner made without a verdict to place (not applicable, nothing to check,
        // past the limit of items) comes after the rule's placed findings, as it did in the rule.
        for f in made { hold(f) }
        func hold(_ f: Finding) {
            let entry = f.unit == nil ? -1 : f.unit.flatMap { index.firstEntry[$0] }.map(Int.init) ?? Int.max
            if entry == -1, streaming { early(f) } else { held.add(f, entry: entry) }
        }
        // What could not be read back is said, not judged as if it were empty.
        let failed = index.failedReads
        if failed.count > failedBefore {
            var f = template
            f.status = .error
            f.message = EngineText.indexUnreadable(failed.errno)
            f.order = (order, Int.max)
            if streaming { early(f) } else { held.add(f, entry: -1) }
        }
    }

    /// The stream's items; nil when its filter does not say true or false of some item: the
    /// list is then read the ordinary way, so the error is the one the expression gives.
    private func items(_ s: Stream, _ a: Activation) -> ItemSource? {
        let l = s.list
        guard let (variable, predicate) = s.filter else {
            return ItemSource(count: index.rows(l), read: { index.item(l, row: $0) }, place: { index.place(l, row: $0) })
        }
        var rows: [Int32] = []
        var ia = a
        for row in 0..<index.rows(l) {
            ia[variable] = index.item(l, row: row)
            switch predicate.eval(ia) {
            case .bool(true): rows.append(Int32(row))
            case .bool(false): break
            default: return nil
            }
        }
        return ItemSource(count: rows.count, read: { index.item(l, row: Int(rows[$0])) }, place: { index.place(l, row: Int(rows[$0])) })
    }

    /// Completes a finding with its verdict, its unit when all its items are one unit's, and
    /// its places.
    private func finding(_ f: inout Finding, _ v: Verdict, items: ItemSource, label: String?, owner: String? = nil) {
        f.record(v, item: label)
        // A group may hold a province's records: places are kept as numbers (eight bytes each),
        // sorted and deduplicated, and only then written out with one path per file.
        var places: [Provenance] = v.origin.map { [$0] } ?? []
        var only: String?
        var several = false
        let identity = ruleSet.schema.identity
        for i in 0..<items.count {
            // An item of the index is not read whole for this: a group may hold a province's.
            let origin: Provenance?, unit: String?
            if let p = items.place(i) {
                (origin, unit) = (p.origin, p.unit)
            } else {
                guard case .object(let o) = items[i] else { continue }
                origin = o.origin
                unit = CampaignIndex.unitID(o[identity.field], identity)
            }
            if let origin { places.append(origin) }
            guard !several, let id = unit else { continue }
            if only == nil { only = id } else if only != id { several = true }
        }
        if let owner { only = owner; several = false }
        // The unit's name and file are found again when the finding is read back (`read`).
        if !several, let only { f.setWho(UnitHead(unit: only, unitName: nil, file: nil)) }
        f.locations = locations(places)
    }

    /// Places sorted by path, line and column, each once. They stay numbers (a province's
    /// records would be a path string each) when the files' order is their paths' order, as
    /// it is for a folder; otherwise each file's path is made once to sort by.
    private func locations(_ places: [Provenance]) -> Locations {
        // The packed bits order by file, line, column.
        var once = places.filter { $0.file >= 0 && Int($0.file) < index.count }
        once.sort { $0.packed < $1.packed }
        once.dropRepeats()
        if paths.inPathOrder { return Locations(packed: once, path: index.path) }
        var files: [(path: String, places: Range<Int>)] = []
        var start = 0
        for i in once.indices where i + 1 == once.count || once[i + 1].file != once[i].file {
            files.append((paths[Int(once[i].file)], start..<i + 1))
            start = i + 1
        }
        files.sort { $0.path < $1.path }
        var out: [Location] = []
        out.reserveCapacity(once.count)
        for (path, range) in files {
            for i in range { out.append(Location(file: path, line: Int(once[i].line), column: Int(once[i].column))) }
        }
        return Locations(out)
    }
}

/// The paths of the index's files, each made once and then shared.
private final class PathNames {
    let index: CampaignIndex
    private var made: [String?]

    init(_ index: CampaignIndex, keep: Bool) {
        self.index = index
        made = keep ? Array(repeating: nil, count: index.count) : []
    }

    /// True when each file's path sorts after the one before: a finding's places sorted by
    /// file are then sorted by path. Asked once, with one path alive at a time.
    private(set) lazy var inPathOrder: Bool = {
        var previous: String?
        for e in 0..<index.count {
            let p = index.path(e)
            if let previous, !(previous < p) { return false }
            previous = p
        }
        return true
    }()

    subscript(e: Int) -> String {
        guard !made.isEmpty else { return index.path(e) }
        if let p = made[e] { return p }
        let p = index.path(e)
        made[e] = p
        return p
    }
}
