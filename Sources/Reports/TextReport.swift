import Engine

/// The terminal report: findings grouped by unit, columns aligned by display width so Chinese
/// text lines up, colour only when asked (the CLI asks when writing to a terminal). Each
/// batch of findings is written as it arrives; only the totals wait for the end.
public final class TextReport: FindingSink {
    private let rulesLabel: String
    private let color: Bool
    private let output: ReportOutput
    private var layout: Layout

    /// `rulesLabel` names the rules given on the command line; `emit` gets the text in pieces
    /// and returns false to stop.
    public init(rulesLabel: String, color: Bool, _ emit: @escaping ([UInt8]) -> Bool) {
        self.rulesLabel = rulesLabel
        self.color = color
        output = ReportOutput(emit)
        layout = Layout(rules: [], color: color)
    }

    /// A held run as one text (tests, small tools).
    public static func render(_ r: CheckResult, rulesLabel: String, color: Bool) -> String {
        var all: [UInt8] = []
        r.replay(into: TextReport(rulesLabel: rulesLabel, color: color) { all += $0; return true })
        return String(decoding: all, as: UTF8.self)
    }

    /// Chinese labels of the statuses, also used in the summary.
    public static func label(_ s: Status) -> String { ReportsText.label(s) }

    static func mark(_ s: Status) -> String {
        switch s {
        case .pass: "✓"
        case .fail, .invalid, .missing, .error: "✗"
        case .warn: "!"
        case .pending: "…"
        case .notApplicable: "-"
        case .waived: "~"
        }
    }

    static func colour(_ s: Status) -> String {
        switch s {
        case .pass: "32"
        case .fail, .invalid, .missing, .error: "31"
        case .warn: "33"
        case .pending, .waived: "36"
        case .notApplicable: "90"
        }
    }

    public func begin(_ header: RunHeader) {
        layout = Layout(rules: header.rules, color: color)
        output.write(ReportsText.heading(asOf: header.asOf, rules: TerminalText.safe(rulesLabel), ruleFiles: header.ruleFiles.count,
                                 files: header.files) + "\n")
    }

    public func write(_ findings: [Finding], section: Section) {
        output.write(layout.render(findings, section: section))
    }

    public var renderer: (any FindingRenderer)? { layout }

    public func write(_ findings: [Finding], section: Section, rendered: RenderedBytes) { output.write(rendered) }

    public func end(_ summary: Summary) {
        let counts = summary.rows.filter { $0.count > 0 }.map { ReportsText.count($0.status, $0.count) }
        output.write("\n" + ReportsText.totals(counts) + "\n")
    }

}

/// How the text report lays out a unit's findings: what `begin` learnt (titles, the width of
/// rule ids) and nothing that changes as the run goes, so units are laid out on any thread.
struct Layout: FindingRenderer {
    let titles: [String: String]
    let ruleWidth: Int
    let color: Bool
    let labelWidth = Status.allCases.map { DisplayWidth.of(ReportsText.label($0)) }.max() ?? 0
    static let indent = "      "

    /// For the rules table `rules`: rule ids are padded to the widest in it, so every unit's
    /// columns match.
    init(rules: [RuleInfo], color: Bool) {
        titles = Grouping.titles(rules)
        ruleWidth = rules.map { DisplayWidth.of(TerminalText.safe($0.id)) }.max() ?? 0
        self.color = color
    }

    /// With titles of its own: rendering counts references on them.
    func forAnotherThread(_ rules: [RuleInfo]) -> any FindingRenderer { Layout(rules: rules, color: color) }

    func render(_ findings: [Finding], section: Section) -> RenderedBytes {
        RenderedBytes(Array(Grouping.sections(findings, section).map { group($0, key: Grouping.heading($0.first!, section)) }.joined().utf8))
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    /// One unit's section: its findings, passes of one rule's items folded into one line.
    private func group(_ findings: ArraySlice<Finding>, key: String) -> String {
        var out = "\n" + paint("■ " + TerminalText.safe(key), "1") + "\n"
        let hidden = findings.filter { !Grouping.isShown($0) }.count
        for block in Self.blocks(findings.filter(Grouping.isShown)) {
            let passes = block.filter { $0.status == .pass }
            let folded = block.count > 1 && passes.count > 1
            for f in block where !(folded && f.status == .pass) {
                out += line(f, item: f.item.map(ReportsText.item))
                if f.status != .pass || f.detailed { out += Self.indent + TerminalText.safe(f.message) + "\n" }
                if f.status != .pass, f.status != .notApplicable, !f.locations.isEmpty {
                    let shownLocations = f.locations.prefix(5).map(\.description).joined(separator: "  ")
                    let more = f.locations.count > 5 ? ReportsText.moreLocations(f.locations.count) : ""
                    out += Self.indent + paint("→ " + TerminalText.safe(shownLocations) + more, "90") + "\n"
                }
            }
            if folded, let first = passes.first {
                let names = passes.compactMap(\.item)
                let listed = names.count <= 6 ? ReportsText.listed(names) : ""
                out += line(first, item: (passes.count == block.count ? ReportsText.allItems(passes.count) : ReportsText.otherItems(passes.count)) + listed)
            }
        }
        if hidden > 0 { out += paint(ReportsText.notApplicableHidden(hidden), "90") + "\n" }
        return out
    }

    private func line(_ f: Finding, item: String?) -> String {
        let status = DisplayWidth.pad(ReportsText.label(f.status), to: labelWidth)
        var line = "  " + paint("\(TextReport.mark(f.status)) \(status)", TextReport.colour(f.status)) + "  "
        line += DisplayWidth.pad(TerminalText.safe(f.rule), to: ruleWidth)
        if !f.implements.isEmpty { line += "  " + TerminalText.safe(f.implements.joined(separator: ",")) }
        if let title = titles[f.rule], !title.isEmpty { line += "  " + TerminalText.safe(title) }
        if let item { line += "  " + TerminalText.safe(item) }
        return line + "\n"
    }

    /// Consecutive findings of one rule: the items of a `for_each` or the groups of a `group_by`.
    private static func blocks(_ findings: [Finding]) -> [[Finding]] {
        var out: [[Finding]] = []
        for f in findings {
            if let last = out.last?.last, last.rule == f.rule, last.item != nil, f.item != nil {
                out[out.count - 1].append(f)
            } else {
                out.append([f])
            }
        }
        return out
    }
}
