import CEL

/// Evaluates campaign-scope rules over all units together: `all.<list>` holds every unit's
/// records (as of the date), each with its `unit`; `group_by` gives one finding per group.
struct CampaignEvaluator {
    let ruleSet: RuleSet
    /// What each unit left for campaign rules, in file order.
    let entries: [UnitEntry]
    let asOf: CELDate
    /// Only some units' files are in the run (a unit checking its own file): a finding that
    /// belongs to a unit whose file is not here cannot be judged and is left out.
    let partial: Bool
    /// Each unit's entry by id, so attributing a finding does not scan every file.
    private let byUnit: [String: UnitEntry]
    /// Each entry's place when paths are sorted: locations are ordered by path, then position.
    private let pathRank: [Int]

    init(ruleSet: RuleSet, entries: [UnitEntry], asOf: CELDate, partial: Bool = false) {
        self.ruleSet = ruleSet
        self.entries = entries
        self.asOf = asOf
        self.partial = partial
        var byUnit: [String: UnitEntry] = [:]
        for s in entries { if let id = s.unitID, byUnit[id] == nil { byUnit[id] = s } }
        self.byUnit = byUnit
        var rank = [Int](repeating: 0, count: entries.count)
        for (r, i) in entries.indices.sorted(by: { entries[$0].path < entries[$1].path }).enumerated() { rank[i] = r }
        pathRank = rank
    }

    func findings() -> [Finding] {
        let rules = ruleSet.rules.enumerated().filter { $0.element.scope == .campaign }
        guard !rules.isEmpty else { return [] }
        var a = Activation(["values": .object(ruleSet.values), "as_of": .date(asOf), "all": .object(all())])
        // A campaign rule looks at every unit: its budget is the per-unit one times the units.
        let units = max(1, entries.count)
        return rules.flatMap { order, rule in
            a.meter = CostMeter(limit: ruleSet.limits.cost.multipliedReportingOverflow(by: units).overflow ? .max : ruleSet.limits.cost * units)
            return evaluate(rule, order: order, a)
        }
    }

    /// Builds `all`: every unit's lists concatenated in file order.
    func all() -> CELObject {
        var lists: [String: [Value]] = [:]
        var roots: [Value] = []
        var seen = Set<String>()
        // A unit's second file is flagged as a duplicate; counting its records again would
        // crowd the campaign's totals with copies.
        let counted = entries.filter { e in e.unitID.map { seen.insert($0).inserted } ?? true }
        // Each list in one allocation of its final size: at a province's scale they are large.
        var sizes: [String: Int] = [:]
        for entry in counted { for (name, items) in entry.lists { sizes[name, default: 0] += items.count } }
        for (name, n) in sizes { lists[name] = []; lists[name]!.reserveCapacity(n) }
        for entry in counted {
            if let root = entry.root { roots.append(root) }
            for (name, items) in entry.lists { lists[name]!.append(contentsOf: items) }
        }
        let types = ruleSet.campaignTypes
        let fields: [Value?] = types.all.fieldNames.map { name in
            name == "submissions" ? .list(roots) : .list(lists[name] ?? [])
        }
        return CELObject(type: types.all, fields: fields)
    }

    private func evaluate(_ rule: Rule, order: Int, _ a: Activation) -> [Finding] {
        let template = Finding(unit: nil, file: nil, rule: rule.id, implements: rule.implements,
                               status: .pass, severity: rule.severity, message: "")
        // A campaign rule may look at every unit's items: its limit is the per-unit one times the units.
        let units = max(1, entries.count)
        let limit = ruleSet.limits.items.multipliedReportingOverflow(by: units).overflow ? Int.max : ruleSet.limits.items * units
        let runner = RuleRunner(rule: rule, order: order, asOf: asOf, labels: ruleSet.labels, limit: limit,
                                notApplicable: EngineText.notApplicable)
        return runner.run(template, a) { f, verdict, subject in
            var owner: String?
            if subject.isItem, let forUnit = rule.forUnit, case .string(let id) = forUnit.eval(subject.activation) { owner = id }
            // A unit checking only its own file: a finding about a unit whose file is not here
            // cannot be judged.
            if partial, let owner, byUnit[owner] == nil { return nil }
            return finding(f, verdict, items: subject.items, label: subject.label, owner: owner)
        }
    }

    private func finding(_ template: Finding, _ v: Verdict, items: [Value], label: String?, owner: String? = nil) -> Finding {
        var f = template
        f.record(v, item: label)
        // A group may hold a province's records: places are kept as numbers, deduplicated and
        // sorted as numbers (files by their path's rank), and only then written out as paths.
        var places = Set<Provenance>(v.origins)
        var only: String?
        var several = false
        let identity = ruleSet.schema.identity
        for case .object(let o) in items {
            if let origin = o.origin { places.insert(origin) }
            guard !several, case .object(let u)? = o[identity.field], case .string(let id)? = u[identity.id] else { continue }
            if only == nil { only = id } else if only != id { several = true }
        }
        if let owner { only = owner; several = false }
        if !several, let only {
            f.unit = only
            let sub = byUnit[only]
            f.file = sub?.path
            f.unitName = sub?.unitName
        }
        f.locations = places.filter { $0.file >= 0 && Int($0.file) < entries.count }
            .sorted { (pathRank[Int($0.file)], $0.line, $0.column) < (pathRank[Int($1.file)], $1.line, $1.column) }
            .map { Location(file: entries[Int($0.file)].path, line: Int($0.line), column: Int($0.column)) }
        return f
    }
}
