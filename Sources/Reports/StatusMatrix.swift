import Engine

/// Units × rules, each cell the status most in need of attention: what the HTML and XLSX
/// reports draw, kept as counts (a byte per cell), never as findings.
struct StatusMatrix {
    /// A unit's line: the worst status per column and its counts.
    struct Row {
        let key: String
        var id: String?
        /// The file of the unit's first section.
        let file: String?
        var name: String?
        var parent: String?
        var cells: [UInt8]
        var counts = Summary()
        let order: Int

        /// The unit as a row heading: `id name`, or what the findings were grouped by.
        var label: String { id.map { id in [id, name].compactMap { $0 }.joined(separator: " ") } ?? key }

        /// The status of a cell, nil when the rule gave this unit nothing.
        func status(_ c: Int) -> Status? { cells[c] == 0 ? nil : StatusMatrix.rank[Int(cells[c]) - 1] }
    }

    /// Statuses from least to most in need of attention.
    static let rank: [Status] = [.notApplicable, .pass, .waived, .pending, .warn, .fail, .missing, .error, .invalid]

    /// A column per rule of the rule set; the engine's own checks share the first.
    private(set) var columns: [RuleInfo] = []
    private var column: [String: Int] = [:]
    private(set) var rows: [Row] = []
    private var rowOf: [String: Int] = [:]

    init(rules: [RuleInfo]) {
        columns = [RuleInfo(id: ReportsText.htmlOwnChecks, title: ReportsText.htmlOwnChecksTitle, implements: [], quote: nil,
                            severity: .error, scope: nil, location: nil)] + rules.filter { $0.scope != nil }
        for (i, r) in columns.enumerated() { column[r.id] = i }
        for r in rules where r.scope == nil { column[r.id] = 0 }
    }

    /// Counts one section's findings into its unit's row; the row's index.
    @discardableResult
    mutating func add(_ group: ArraySlice<Finding>, facts: UnitFacts?) -> Int {
        let first = group.first!
        let key = first.unit ?? first.file ?? ReportsText.campaignWide
        let i: Int
        if let r = rowOf[key] {
            i = r
        } else {
            let fact = facts.flatMap { $0.id == first.unit ? $0 : nil }
            rows.append(Row(key: key, id: first.unit, file: first.file, name: first.unitName ?? fact?.name, parent: fact?.parent,
                            cells: [UInt8](repeating: 0, count: columns.count), order: rows.count))
            i = rows.count - 1
            rowOf[key] = i
        }
        for f in group {
            rows[i].counts.add(f)
            if let c = column[f.rule] {
                let r = UInt8(Self.rank.firstIndex(of: f.status)! + 1)
                if r > rows[i].cells[c] { rows[i].cells[c] = r }
            }
        }
        return i
    }

    /// Worst first: the most findings that fail a run, then warnings, then open deadlines;
    /// ties in the order units came.
    func worstFirst() -> [Row] {
        // Each row's key once, not twice per comparison.
        let keys = rows.map { r in
            let c = r.counts
            return (c[.fail] + c[.error] + c[.invalid] + c[.missing], c[.warn], c[.pending], -r.order)
        }
        return rows.indices.sorted { keys[$0] > keys[$1] }.map { rows[$0] }
    }
}
