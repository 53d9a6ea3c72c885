import Engine
import Foundation

/// The report a person would rather look at than read: one self-contained HTML page with the
/// totals, a units × rules matrix coloured by status (worst units first), a roll-up by the unit
/// tree with pass rates, a timeline of deadlines against the dates things were done, and a
/// section per unit with each finding that asks for attention, its quote and the line it points
/// at. Streaming: each unit's section is written to a spill file as it comes; only counts are
/// kept (a status per unit and rule, dates per deadline rule) until the page is put together.
public final class HTMLReport: FindingSink {
    public var wantsExcerpts: Bool { true }
    public var problem: String? {
        spill == nil ? ReportsText.htmlNoSpill : spill?.failure.map { _ in ReportsText.htmlSpillFailed }
    }

    private let rulesLabel: String
    private let output: ReportOutput
    private var header: RunHeader?
    private var rules: [String: RuleInfo] = [:]
    private var matrix = StatusMatrix(rules: [])
    private var rows: [StatusMatrix.Row] { matrix.rows }
    private var facts: UnitFacts?
    private var lanes: [String: Lane] = [:]
    private var sections = HTMLSections(rules: [:])
    private let spill: Spill?

    /// A deadline rule on the timeline: its due dates and when things were done, counted by day.
    struct Lane {
        var dues: [Int32: Int] = [:]
        var onTime: [Int32: Int] = [:]
        var late: [Int32: Int] = [:]
    }

    /// Matrix rows shown at most; the rest are counted (every unit keeps its section).
    static let matrixLimit = 500

    public init(rulesLabel: String, _ emit: @escaping ([UInt8]) -> Bool) {
        self.rulesLabel = rulesLabel
        output = ReportOutput(emit)
        spill = Spill()
    }

    public func begin(_ header: RunHeader) {
        self.header = header
        rules = Grouping.byID(header.rules) { $1 }
        matrix = StatusMatrix(rules: header.rules)
        sections = HTMLSections(rules: rules)
    }

    public func unit(_ facts: UnitFacts) { self.facts = facts }

    public var renderer: (any FindingRenderer)? { sections }

    /// A unit's own sections, made on its checking thread.
    public func write(_ findings: [Finding], section: Section, rendered: RenderedBytes) {
        for group in Grouping.sections(findings, section) { count(group) }
        rendered.withBytes { spill?.append($0) }
        facts = nil
    }

    /// The campaign's sections and the roster's, made here.
    public func write(_ findings: [Finding], section: Section) {
        for group in Grouping.sections(findings, section) where !group.isEmpty {
            // The matrix links to a unit's first section: a later one (its campaign findings)
            // has no anchor, so no two elements share an id.
            let isFirst = count(group)
            spill?.append(Array(sections.render(group, section: section, anchored: isFirst).utf8))
        }
        facts = nil
    }

    /// Counts a section's findings into the matrix and the timeline; whether it is its unit's first.
    @discardableResult
    private func count(_ group: ArraySlice<Finding>) -> Bool {
        let rowsBefore = matrix.rows.count
        matrix.add(group, facts: facts)
        for f in group {
            if let due = f.due {
                var lane = lanes[f.rule] ?? Lane()
                lane.dues[due.number, default: 0] += 1
                if let done = f.doneOn {
                    if done <= due { lane.onTime[done.number, default: 0] += 1 } else { lane.late[done.number, default: 0] += 1 }
                }
                lanes[f.rule] = lane
            }
        }
        return matrix.rows.count > rowsBefore
    }

    public func end(_ summary: Summary) {
        guard let header else { return }
        output.write(HTMLTemplates.head.render(["title": ReportsText.htmlTitle]))
        output.write(HTMLTemplates.summary.render(page(header, summary)))
        spill?.copy { self.output.write($0) }
        output.write(HTMLTemplates.foot)
    }

    private func page(_ header: RunHeader, _ summary: Summary) -> [String: Any] {
        var out: [String: Any] = [
            "title": ReportsText.htmlTitle,
            "subtitle": ReportsText.heading(asOf: header.asOf, rules: rulesLabel, ruleFiles: header.ruleFiles.count, files: header.files),
            "totalsTitle": ReportsText.totalsTitle, "matrixTitle": ReportsText.htmlMatrixTitle, "rollupTitle": ReportsText.htmlRollupTitle,
            "timelineTitle": ReportsText.htmlTimelineTitle, "unitsTitle": ReportsText.htmlUnitsTitle, "unitColumn": ReportsText.htmlUnitColumn,
            "totals": summary.rows.filter { $0.count > 0 }.map { ["status": $0.status.rawValue, "label": ReportsText.label($0.status), "count": $0.count] },
        ]
        let sorted = matrix.worstFirst()
        let columns = matrix.columns
        out["columns"] = columns.map { ["id": $0.id, "title": $0.title] }
        // A cell is its column and status: each kind drawn once, not once for each of 500 rows.
        var drawn: [Int: String] = [:]
        func cell(_ r: StatusMatrix.Row, _ c: Int) -> String {
            let key = c << 8 | Int(r.cells[c])
            if let html = drawn[key] { return html }
            let s = r.status(c)
            let html = HTMLTemplates.cell.render(Fields([
                "status": Text(s?.rawValue ?? "none"), "mark": Text(s.map(TextReport.mark) ?? ""),
                "title": Text(columns[c].id + (s.map { " · " + ReportsText.label($0) } ?? "")),
            ]))
            drawn[key] = html
            return html
        }
        out["rows"] = sorted.prefix(Self.matrixLimit).map { r -> [String: Any] in
            ["anchor": HTMLSections.anchor(unit: r.id, file: r.file), "label": r.label,
             "cells": Text(r.cells.indices.map { cell(r, $0) }.joined())]
        }
        out["matrixNote"] = ReportsText.htmlMatrixNote
        out["legend"] = rows.count > Self.matrixLimit ? [ReportsText.htmlMatrixCut(Self.matrixLimit, rows.count)] : []
        out["tree"] = rollup()
        let timeline = Timeline(lanes: lanes, rules: header.rules, asOf: header.asOf)
        out["timelineNote"] = ReportsText.htmlTimelineNote
        for (k, v) in timeline.data { out[k] = v }
        return out
    }

    /// The unit tree, depth first, each unit with the pass rate of itself and all below it.
    private func rollup() -> [[String: Any]] {
        var firstRow: [String: Int] = [:]
        for (i, r) in rows.enumerated() { if let id = r.id, firstRow[id] == nil { firstRow[id] = i } }
        var children: [String: [String]] = [:]
        var roots: [String] = []
        var rootSet = Set<String>()
        for (id, i) in firstRow.sorted(by: { $0.value < $1.value }) {
            if let p = rows[i].parent, p != id {
                children[p, default: []].append(id)
                // A parent without findings of its own (not in the run) still heads its units.
                if firstRow[p] == nil, rootSet.insert(p).inserted { roots.append(p) }
            } else if rootSet.insert(id).inserted {
                roots.append(id)
            }
        }
        // Depth first without recursion (a chain of units may be long), each unit once even
        // when parents form a cycle; units reached only through a cycle are listed at the top.
        var seen = Set<String>()
        var order: [(id: String, depth: Int)] = []
        var stack: [(id: String, depth: Int)] = roots.reversed().map { ($0, 0) }
        func walk() {
            while let (id, depth) = stack.popLast() {
                guard seen.insert(id).inserted else { continue }
                order.append((id, depth))
                for c in (children[id] ?? []).reversed() where !seen.contains(c) { stack.append((c, depth + 1)) }
            }
        }
        walk()
        for (id, _) in firstRow.sorted(by: { $0.value < $1.value }) where !seen.contains(id) {
            stack.append((id, 0))
            walk()
        }
        // Subtree totals: in reverse preorder every unit comes after all units below it.
        var total: [String: (passed: Int, checked: Int)] = [:]
        var below: [String: [String]] = [:]
        for (i, (id, depth)) in order.enumerated() {
            // The units directly below, as this walk reached them.
            var j = i + 1
            while j < order.count, order[j].depth > depth {
                if order[j].depth == depth + 1 { below[id, default: []].append(order[j].id) }
                j += 1
            }
        }
        for (id, _) in order.reversed() {
            var t = (passed: 0, checked: 0)
            if let i = firstRow[id] {
                let c = rows[i].counts
                t = (c[.pass] + c[.waived], c.total - c[.notApplicable])
            }
            for c in below[id] ?? [] {
                t.passed += total[c]?.passed ?? 0
                t.checked += total[c]?.checked ?? 0
            }
            total[id] = t
        }
        return order.map { id, depth in
            let t = total[id] ?? (0, 0)
            let percent = t.checked == 0 ? 0 : Int((Double(t.passed) * 100 / Double(t.checked)).rounded())
            let name = firstRow[id].map { "\(id) \(rows[$0].name ?? "")" } ?? ReportsText.htmlNotInRun(id)
            return ["indent": depth * 2, "label": name, "percent": percent, "rate": ReportsText.htmlRate(t.passed, t.checked, percent)]
        }
    }
}

/// The unit sections, kept in a temporary file until the page's top is known.
final class Spill {
    private let handle: FileHandle

    init?() {
        guard case .success(let file) = Paths.temporaryFile(in: NSTemporaryDirectory(), prefix: "duibiao-html-") else { return nil }
        // Gone from the folder at once: the file lives as long as the handle, even after a crash.
        unlink(file.path)
        handle = FileHandle(fileDescriptor: file.fd, closeOnDealloc: true)
    }

    /// The first write that failed (a full disk): the page would be missing units.
    private(set) var failure: String?

    func append<Bytes: DataProtocol>(_ bytes: Bytes) {
        guard failure == nil else { return }
        do { try handle.write(contentsOf: bytes) } catch { failure = "\(error)" }
    }

    /// Hands the spilled text on in pieces.
    func copy(_ send: ([UInt8]) -> Void) {
        try? handle.seek(toOffset: 0)
        while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty { send([UInt8](data)) }
    }
}
