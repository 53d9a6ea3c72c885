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
    /// What each unit left for campaign rules, and each unit's first file, to flag a second one.
    private let index: CampaignIndex

    /// `path`: the path of the file of each input, by its place; `expected`, how many there are.
    init(ruleSet: RuleSet, asOf: CELDate, sink: FindingSink, expected: Int = 0, path: @escaping @Sendable (Int) -> String) {
        self.ruleSet = ruleSet
        self.asOf = asOf
        self.sink = sink
        index = CampaignIndex(ruleSet: ruleSet, expected: expected, path: path)
        waivers = WaiverBook(ruleSet.waivers, asOf: asOf)
        renderer = sink.renderer
    }

    /// One submission's findings, waivers applied, called in file order; `rendered`, when the
    /// checking thread already made the sink's bytes of them.
    mutating func unit(_ entry: UnitEntry, _ findings: [Finding], rendered: RenderedBytes? = nil) {
        var out = findings
        var rendered = rendered
        if let first = index.add(entry), let id = entry.unitID {
            var f = Finding(unit: id, file: entry.path, rule: BuiltinRule.schema, status: .invalid,
                            message: EngineText.duplicateUnit(id, index.path(first)), locations: [Location(file: entry.path, entry.unitMark ?? .start)])
            f.unitName = entry.unitName
            // After the file's own format findings, before its rules.
            let at = out.firstIndex { $0.rule != BuiltinRule.roster && $0.rule != BuiltinRule.schema } ?? out.endIndex
            out.insert(f, at: at)
            // Rare: the bytes made without it are made again here.
            rendered = rendered.flatMap { _ in renderer?.render(out, section: .unit) }
        }
        sink.unit(UnitFacts(id: entry.unitID, name: entry.unitName, parent: entry.parent, file: entry.path))
        // By status and severity: passing a finding would copy it (a dozen references).
        for i in out.indices { summary.add(out[i].status, out[i].severity) }
        if let rendered {
            sink.write(out, section: .unit, rendered: rendered)
        } else if !out.isEmpty {
            sink.write(out, section: .unit)
        }
    }

    /// Campaign rules over every unit: campaign-wide findings first, then each unit's in file
    /// order (each in rule and item order), so a report can show them unit by unit.
    mutating func campaign(partial: Bool) {
        guard ruleSet.rules.contains(where: { $0.scope == .campaign }) else { return }
        let evaluator = CampaignEvaluator(ruleSet: ruleSet, index: index, asOf: asOf, partial: partial, sharePaths: !sink.takesPieces)
        let held: HeldFindings
        if sink.takesPieces {
            var made: [Finding] = []
            held = evaluator.findings(streaming: true) { f in
                made = [f]
                emit(&made, .campaign)
            }
        } else {
            held = evaluator.findings()
        }
        // One batch per unit (and one for the campaign-wide findings), read back one at a time.
        var batch: [Finding] = []
        evaluator.read(held) { f in
            if let last = batch.last, last.unit != f.unit || last.file != f.file { emit(&batch, .campaign); batch = [] }
            batch.append(f)
        }
        if !batch.isEmpty { emit(&batch, .campaign) }
    }

    /// The units on the roster that sent nothing, in roster order.
    mutating func missing() {
        var seen = Set<String>()
        let out: [Finding] = ruleSet.expectedUnits.compactMap { u in
            guard index.firstEntry[u.id] == nil, seen.insert(u.id).inserted else { return nil }
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
        waivers.apply(&findings)
        for i in findings.indices { summary.add(findings[i]) }
        sink.write(findings, section: section)
    }
}
