import CEL

/// What `duibiao explain` shows of a rule: its words, where its quote stands in the source
/// document, what it reads, and (with submissions) how it came out for them, step by step.
public struct RuleExplanation: Sendable {
    public let rule: RuleInfo
    /// Each expression of the rule by key (`applies_to`, `for_each`, `expect`, …), as written.
    public let expressions: [(key: String, text: String)]
    /// The source document's paragraph holding the quote, in pieces, the quoted ones marked.
    public let paragraph: [(text: String, quoted: Bool)]?
    /// The source document as the rules name it, and the paragraph's number in it (from 1).
    public let sourcePath: String?
    public let paragraphNumber: Int?
    /// The named values the rule reads, with their values.
    public let namedValues: [(name: String, value: Measure)]
    /// The submission fields its checks read.
    public let reads: [String]
    /// The evaluation for the given submissions, if any.
    public let trace: RuleTrace?
}

/// One expression evaluated: its value, and the value of each of its parts.
public struct TraceStep: Sendable {
    public let key: String
    public let text: String
    public let value: Measure
    public let parts: [(text: String, value: Measure)]
}

/// How a rule came out for the checked submissions.
public struct RuleTrace: Sendable {
    public let asOf: Day
    public let files: [String]
    /// `applies_to`, then (without `for_each`) the checks.
    public let steps: [TraceStep]
    /// For `for_each` (and `group_by`): each item's label and its checks.
    public let items: [(label: String, steps: [TraceStep])]
    /// Items not traced one by one (over the display limit).
    public let itemsLeftOut: Int
    /// The findings the check gives for this rule.
    public let findings: [Finding]
}

extension RuleExplanation {
    /// Items traced one by one at most; the rest are counted.
    static let itemLimit = 30

    /// Explains rule `id`, and traces it over `files` as of `asOf` when files are given; nil
    /// when the rule set has no such rule.
    public static func explain(_ ruleSet: RuleSet, rule id: String, files: [String], asOf: CELDate) -> RuleExplanation? {
        guard let rule = ruleSet.rules.first(where: { $0.id == id }),
              let info = ruleSet.catalogue.first(where: { $0.id == id }) else { return nil }
        let exprs = rule.compiledExpressions.map(\.program.expr)
        let named = Reads.paths(in: exprs, roots: ["values"]).filter { $0 != "values" }.map { path -> (String, Measure) in
            var v: Value = .object(ruleSet.values)
            for part in path.split(separator: ".").dropFirst() {
                if case .object(let o) = v, let next = o[String(part)] { v = next } else { v = .null }
            }
            return (path, Measure(v))
        }
        var paragraph: [(String, Bool)]?
        var number: Int?
        if let quote = rule.quote, let source = ruleSet.source {
            (paragraph, number) = locate(quote, in: source.text)
        }
        return RuleExplanation(rule: info, expressions: rule.expressions, paragraph: paragraph, sourcePath: ruleSet.source?.path,
                               paragraphNumber: number, namedValues: named, reads: rule.reads,
                               trace: files.isEmpty ? nil : trace(ruleSet, rule, files: files, asOf: asOf))
    }

    /// The paragraph (line) holding the quote's first piece, cut into quoted and other text.
    static func locate(_ quote: String, in text: String) -> ([(String, Bool)]?, Int?) {
        let pieces = quote.components(separatedBy: "…").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        guard let first = pieces.first else { return (nil, nil) }
        let lines = Lines.of(text)
        guard let index = lines.firstIndex(where: { $0.contains(first) }) else { return (nil, nil) }
        let line = String(lines[index])
        var out: [(String, Bool)] = []
        var rest = line[...]
        for piece in pieces {
            guard let r = rest.range(of: piece) else { continue }
            if r.lowerBound > rest.startIndex { out.append((String(rest[..<r.lowerBound]), false)) }
            out.append((piece, true))
            rest = rest[r.upperBound...]
        }
        if !rest.isEmpty { out.append((String(rest), false)) }
        return (out, index + 1)
    }

    static func trace(_ projected: RuleSet, _ projectedRule: Rule, files: [String], asOf: CELDate) -> RuleTrace {
        // A campaign rule's items are shown as their units wrote them, every field kept: the
        // check keeps only the fields campaign rules read, and a field shown absent that the
        // file has would send the office looking for a mistake that is not there.
        var (ruleSet, rule) = (projected, projectedRule)
        if rule.scope == .campaign, let whole = projected.withWholeRecords(), let r = whole.rules.first(where: { $0.id == rule.id }) {
            (ruleSet, rule) = (whole, r)
        }
        let findings = CheckRun.run(ruleSet, paths: files, asOf: asOf, roster: false, jobs: 1).findings.filter { $0.rule == rule.id }
        let inputs = CheckRun.inputs(ruleSet, paths: files)
        var a: Activation
        if rule.scope == .campaign {
            let index = CampaignIndex(ruleSet: ruleSet) { inputs.path($0) }
            for i in inputs.indices {
                _ = index.add(CheckRun.unit(ruleSet, path: inputs.path(i), bytes: inputs.read(i), index: Int32(i), asOf: asOf).0)
            }
            a = Activation(["values": .object(ruleSet.values), "as_of": .date(asOf),
                            "all": .object(index.all(ruleSet.campaignLists))])
        } else {
            guard let input = inputs.first, case .success(let bytes) = input.read() else {
                return RuleTrace(asOf: Day(asOf), files: inputs.map(\.path), steps: [], items: [], itemsLeftOut: 0, findings: findings)
            }
            let sub = SubmissionDecoder.decode(path: input.path, bytes: bytes, index: 0, ruleSet: ruleSet)
            guard let root = sub.root else {
                return RuleTrace(asOf: Day(asOf), files: [input.path], steps: [], items: [], itemsLeftOut: 0, findings: findings)
            }
            a = UnitEvaluator.activation(ruleSet, AsOfView.view(root, ruleSet.schema.root, asOf: asOf), asOf: asOf)
            if ruleSet.usesDatedRecords { a.setBase("dated_records", .list(ruleSet.schema.datedRecords(root))) }
        }
        a.meter = CostMeter(limit: ruleSet.limits.cost)
        var steps = rule.appliesTo.map { step("applies_to", $0, a) }
        var items: [(String, [TraceStep])] = []
        var leftOut = 0
        if let forEach = rule.forEach {
            let range = step("for_each", forEach, a)
            steps.append(range)
            if case .list(let values) = forEach.eval(a) {
                if rule.groupBy.isEmpty {
                    for (i, item) in values.prefix(itemLimit).enumerated() {
                        var ia = a
                        ia["it"] = item
                        let label = RuleRunner.label(rule, item, index: i, ia, labels: ruleSet.itemLabels)
                        items.append((label, checks(rule, ia)))
                    }
                    leftOut = max(0, values.count - itemLimit)
                } else {
                    let groups = RuleRunner.groups(rule, ItemSource(values), &a)
                    for g in groups.prefix(itemLimit) {
                        var ga = a
                        ga["group"] = .list(g.rows.map { values[Int($0)] })
                        ga["key"] = .list(g.key)
                        items.append((g.key.map(Render.text).joined(separator: " · "), checks(rule, ga)))
                    }
                    leftOut = max(0, groups.count - itemLimit)
                }
            }
        } else {
            steps += checks(rule, a)
        }
        return RuleTrace(asOf: Day(asOf), files: inputs.map(\.path), steps: steps, items: items, itemsLeftOut: leftOut, findings: findings)
    }

    /// `value` (bound for what follows), `expect`, `done_on`, `due`, `tolerance`.
    static func checks(_ rule: Rule, _ activation: Activation) -> [TraceStep] {
        var a = activation
        var out: [TraceStep] = []
        if let v = rule.value {
            let s = step("value", v, a)
            a["value"] = v.eval(a)
            out.append(s)
        }
        for (key, e) in [("expect", rule.expect), ("done_on", rule.doneOn), ("due", rule.due), ("tolerance", rule.tolerance)] {
            if let e { out.append(step(key, e, a)) }
        }
        return out
    }

    static func step(_ key: String, _ e: CompiledExpression, _ a: Activation) -> TraceStep {
        let parts = e.program.parts.filter { if case .literal = $0.expr.kind { false } else { true } }
        // Each part as the office wrote it: its span of the expression's own text.
        let scalars = Array(e.text.unicodeScalars)
        func written(_ p: Program) -> String {
            let r = p.expr.range
            guard r.start >= 0, r.start < r.end, r.end <= scalars.count else { return p.text }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[r.start..<r.end])
            return String(s)
        }
        return TraceStep(key: key, text: e.text, value: Measure(e.eval(a)), parts: parts.map { (written($0), Measure($0.eval(a))) })
    }
}
