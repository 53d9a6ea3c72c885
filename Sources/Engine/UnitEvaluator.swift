import CEL
import YAML

/// Evaluates the unit-scope rules for one submission.
struct UnitEvaluator {
    let ruleSet: RuleSet
    let submission: Submission
    let asOf: CELDate
    /// The submission as of the date, when the caller has it already.
    var view: CELObject? = nil

    func findings() -> [Finding] {
        var out: [Finding] = []
        findings(into: &out)
        return out
    }

    /// The findings, appended to `out`.
    func findings(into out: inout [Finding]) {
        guard let root = submission.root else { return }
        let view = self.view ?? AsOfView.view(root, ruleSet.schema.root, asOf: asOf)
        var base = activation(view)
        var full = view === root ? nil : activation(root)
        // Records as written, future ones included: for checks of the dates themselves.
        if ruleSet.usesDatedRecords {
            let dated = Value.list(ruleSet.schema.datedRecords(root))
            base.setBase("dated_records", dated)
            full?.setBase("dated_records", dated)
        }
        let applies = AppliesCache(ruleSet)
        // One budget per rule and unit, shared by all its expressions and items: one meter,
        // counted from zero again for each rule.
        let meter = CostMeter(limit: ruleSet.limits.cost)
        base.meter = meter
        full?.meter = meter
        let who = UnitHead(unit: submission.unitID, unitName: submission.unitName, file: submission.path)
        let runners = ruleSet.unitRunners
        for i in runners.indices {
            meter.reset()
            // Lent from the rules' list for the rule's run, not counted up and down around it.
            Unmanaged.passUnretained(runners[i])._withUnsafeGuaranteedRef { runner in
                applies.rule = runner.order
                evaluate(runner, who, &base, full: &full, applies: applies, into: &out)
            }
        }
    }

    private func activation(_ root: CELObject) -> Activation {
        Self.activation(ruleSet, root, asOf: asOf)
    }

    /// What unit rules see: the named values, the date, and each field of the file's root.
    static func activation(_ ruleSet: RuleSet, _ root: CELObject, asOf: CELDate) -> Activation {
        // The named values and the date (in the order a dictionary of them sorts to), then the
        // root's fields, a field named as one of them taking its place.
        var pairs: [(String, Value)] = [("as_of", .date(asOf)), ("values", .object(ruleSet.values))]
        pairs.reserveCapacity(2 + root.count)
        for (i, name) in root.type.fieldNames.prefix(root.count).enumerated() { pairs.append((name, root[slot: i] ?? .null)) }
        return Activation(pairs)
    }

    /// The rule's findings, appended to `out`. The rule binds its items and values in `a` and
    /// `full` while it runs, and leaves them as they were: one pair of activations per unit.
    private func evaluate(_ runner: RuleRunner, _ who: UnitHead, _ a: inout Activation, full: inout Activation?, applies: AppliesCache,
                          into out: inout [Finding]) {
        let order = runner.order
        runner.run(FindingHead(who, runner.head), &a, asOf: asOf, full: &full, empty: { f in
            // An empty list points at where it is written (or is missing), else at the unit.
            f.locations = Locations(ruleSet.readKeys[order].compactMap { submission.keyMarks[key: $0] }.map { Location(file: submission.path, $0) })
            if f.locations.isEmpty, let m = submission.keyMarks[key: ruleSet.schema.identityKey] { f.locations = [Location(file: submission.path, m)] }
        }, applies: applies, into: &out, place: { f, verdict, subject, _ in
            finding(&f, order: order, verdict, item: subject.items.count > 0 ? (subject.items[0], subject.label ?? "") : nil)
            return true
        })
    }

    /// Completes a finding with its verdict and its places in the unit's file: the date that
    /// decided it and its item, else the records its value is made of, else the keys the rule
    /// reads, else the unit. One or two places, the usual case, are kept without an array.
    private func finding(_ f: inout Finding, order: Int, _ v: Verdict, item: (Value, String)?) {
        f.record(v, item: item?.1)
        let path = submission.path
        var itemOrigin: Provenance?
        if case .object(let o)? = item?.0 { itemOrigin = o.origin }
        if let first = v.origin ?? itemOrigin {
            f.locations = Locations(file: path, first, v.origin == nil ? nil : itemOrigin)
            return
        }
        // A value made of records (e.g. the ones out of period) points at each of them.
        if let value = v.value {
            let origins = Self.origins(in: value)
            if !origins.isEmpty {
                f.locations = Locations(file: path, origins)
                return
            }
        }
        // Else where the file writes what the rule reads, else its unit: marks, which a
        // `Provenance` holds unless a column is past a million.
        var marks: [Mark] = []
        for key in ruleSet.readKeys[order] { if let m = submission.keyMarks[key: key] { marks.append(m) } }
        if marks.isEmpty, let m = submission.keyMarks[key: ruleSet.schema.identityKey] { marks = [m] }
        let places = marks.map { Provenance(file: 0, line: Int32(clamping: $0.line), column: Int32(clamping: $0.column)) }
        if zip(places, marks).allSatisfy({ (Int($0.line), Int($0.column)) == ($1.line, $1.column) }) {
            f.locations = Locations(file: path, places)
        } else {
            var locations = marks.map { Location(file: path, $0) }
            locations.sort()
            locations.dropRepeats()
            f.locations = Locations(locations)
        }
    }

    static func origins(in value: Value) -> [Provenance] {
        switch value {
        case .object(let o): o.origin.map { [$0] } ?? []
        case .list(let items): items.flatMap { item -> [Provenance] in
            if case .object(let o) = item, let origin = o.origin { return [origin] }
            return []
        }
        default: []
        }
    }
}

/// The name of a `for_each` item in findings: the field its schema declares with `label:`;
/// undeclared, its `id`, `title` or `name`, else its `date` or position.
enum ItemLabel {
    static func of(_ item: Value, index: Int, labels: [String: String]) -> String {
        if case .object(let o) = item, let field = labels[o.type.name], let v = o[field] { return Render.text(v) }
        if case .object(let o) = item {
            for key in ["id", "title", "name"] {
                if case .string(let s)? = o[key] { return s }
            }
            if case .date(let d)? = o["date"] { return "\(d.chinese)的记录" }
        }
        if case .object = item { return "第\(index + 1)项" }
        return Render.text(item)
    }
}
