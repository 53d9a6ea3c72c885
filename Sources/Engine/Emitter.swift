import CEL

/// Where findings leave the engine: in report order, waived where the office said so,
/// counted, and handed to the sink. It keeps of each unit only what campaign rules need.
struct Emitter {
    let ruleSet: RuleSet
    let asOf: CELDate
    let sink: FindingSink
    let waivers: WaiverBook
    /// The sink's renderer, asked once after `begin`.
    let renderer: (any FindingRenderer)?
    private(set) var summary = Summary()
    /// What each unit left for campaign rules, in file order.
    private var entries: [UnitEntry] = []
    /// Each unit's first file, to flag a second one.
    private var firstFile: [String: String] = [:]

    init(ruleSet: RuleSet, asOf: CELDate, sink: FindingSink) {
        self.ruleSet = ruleSet
        self.asOf = asOf
        self.sink = sink
        waivers = WaiverBook(ruleSet.waivers, asOf: asOf)
        renderer = sink.renderer
    }

    /// One submission's findings, waivers applied, called in file order; `rendered`, when the
    /// checking thread already made the sink's bytes of them.
    mutating func unit(_ entry: UnitEntry, _ findings: [Finding], rendered: [UInt8]? = nil) {
        var out = findings
        var rendered = rendered
        if let id = entry.unitID {
            if let first = firstFile[id] {
                var f = Finding(unit: id, file: entry.path, rule: BuiltinRule.schema, status: .invalid,
                                message: EngineText.duplicateUnit(id, first), locations: [Location(file: entry.path, entry.unitMark ?? .start)])
                f.unitName = entry.unitName
                // After the file's own format findings, before its rules.
                let at = out.firstIndex { $0.rule != BuiltinRule.roster && $0.rule != BuiltinRule.schema } ?? out.endIndex
                out.insert(f, at: at)
                // Rare: the bytes made without it are made again here.
                rendered = rendered.flatMap { _ in renderer?.render(out, section: .unit) }
            } else {
                firstFile[id] = entry.path
            }
        }
        sink.unit(UnitFacts(id: entry.unitID, name: entry.unitName, parent: entry.parent, file: entry.path))
        for f in out { summary.add(f) }
        if let rendered {
            sink.write(out, section: .unit, rendered: rendered)
        } else if !out.isEmpty {
            sink.write(out, section: .unit)
        }
        entries.append(entry)
    }

    /// Campaign rules over every unit: campaign-wide findings first, then each unit's in file
    /// order (each in rule and item order), so a report can show them unit by unit.
    mutating func campaign(partial: Bool) {
        guard ruleSet.rules.contains(where: { $0.scope == .campaign }) else { return }
        var findings = CampaignEvaluator(ruleSet: ruleSet, entries: entries, asOf: asOf, partial: partial).findings()
        guard !findings.isEmpty else { return }
        var fileOrder: [String: Int] = [:]
        for (i, e) in entries.enumerated() where fileOrder[e.path] == nil { fileOrder[e.path] = i }
        let keys = findings.enumerated().map { i, f in
            (f.unit == nil ? -1 : f.file.flatMap { fileOrder[$0] } ?? Int.max, f.order.rule, f.order.item, i)
        }
        findings = keys.sorted { $0 < $1 }.map { findings[$0.3] }
        // One batch per unit (and one for the campaign-wide findings).
        var start = 0
        for i in findings.indices where i + 1 == findings.count || findings[i + 1].unit != findings[i].unit || findings[i + 1].file != findings[i].file {
            var batch = Array(findings[start...i])
            emit(&batch, .campaign)
            start = i + 1
        }
    }

    /// The units on the roster that sent nothing, in roster order.
    mutating func missing() {
        var seen = Set<String>()
        let out: [Finding] = ruleSet.expectedUnits.compactMap { u in
            guard firstFile[u.id] == nil, seen.insert(u.id).inserted else { return nil }
            var f = Finding(unit: u.id, file: nil, rule: BuiltinRule.submission, status: .missing,
                            message: EngineText.missingUnit(u.id, u.name), locations: [u.location])
            f.unitName = u.name
            return f
        }
        for f in out {
            let parent = ruleSet.roster[f.unit!]?.fields.first { $0.name == ruleSet.schema.identity.parent }.flatMap { v -> String? in
                if case .string(let s) = v.value { s } else { nil }
            }
            sink.unit(UnitFacts(id: f.unit, name: f.unitName, parent: parent, file: nil))
            var one = [f]
            emit(&one, .missing)
        }
    }

    /// Waived where the office said so, counted, written.
    private mutating func emit(_ findings: inout [Finding], _ section: Section) {
        guard !findings.isEmpty else { return }
        for i in findings.indices {
            waivers.apply(&findings[i])
            summary.add(findings[i])
        }
        sink.write(findings, section: section)
    }
}
