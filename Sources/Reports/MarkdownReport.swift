import Engine
import Mustache

/// A summary for a CI job page (GitLab, GitHub): a section per unit with its counts and a table
/// of what needs attention, written as each unit is done; the totals last.
public final class MarkdownReport: FindingSink {
    private let rulesLabel: String
    private let output: ReportOutput
    private var sections = Sections(titles: [:])

    static let head = template("""
    {{% CONTENT_TYPE: MARKDOWN}}
    # {{title}}

    {{subtitle}}

    """)

    static let unit = template(unitText)
    /// A unit's section, parsed once for the run and once more for each checking thread past
    /// the first (`Sections.forAnotherThread`).
    static let unitText = """
    {{% CONTENT_TYPE: MARKDOWN}}
    ## {{heading}}

    {{counts}}

    {{#hasRows}}
    | {{columns.status}} | {{columns.rule}} | {{columns.implements}} | {{columns.item}} | {{columns.message}} | {{columns.location}} |
    |---|---|---|---|---|---|
    {{/hasRows}}
    {{#rows}}
    | {{status}} | {{rule}} {{title}} | {{implements}} | {{item}} | {{message}} | {{location}} |
    {{/rows}}
    {{^rows}}
    {{allGood}}
    {{/rows}}

    """

    static let totals = template("""
    {{% CONTENT_TYPE: MARKDOWN}}
    ## {{title}}

    | {{columns.status}} | {{columns.count}} |
    |---|---:|
    {{#rows}}
    | {{status}} | {{count}} |
    {{/rows}}
    """)

    public init(rulesLabel: String, _ emit: @escaping ([UInt8]) -> Bool) {
        self.rulesLabel = rulesLabel
        output = ReportOutput(emit)
    }

    public func begin(_ header: RunHeader) {
        sections = Sections(titles: Grouping.titles(header.rules))
        output.write(Self.head.render(["title": ReportsText.markdownTitle,
                               "subtitle": ReportsText.heading(asOf: header.asOf, rules: rulesLabel, ruleFiles: header.ruleFiles.count, files: header.files)]) + "\n")
    }

    public func write(_ findings: [Finding], section: Section) { output.write(sections.render(findings, section: section)) }

    public var renderer: (any FindingRenderer)? { sections }

    public func write(_ findings: [Finding], section: Section, rendered: RenderedBytes) { output.write(rendered) }

    public func end(_ summary: Summary) {
        let rows = summary.rows.filter { $0.count > 0 }.map { ["status": ReportsText.label($0.status), "count": $0.count] as [String: Any] }
        output.write(Self.totals.render(["title": ReportsText.totalsTitle, "columns": ReportsText.markdownColumns, "rows": rows] as [String: Any]))
    }

}

/// A unit's Markdown section (its counts and the table of what needs attention), made on any
/// thread from the rule titles `begin` gave.
struct Sections: FindingRenderer {
    let titles: [String: String]
    /// A unit's section (`MarkdownReport.unit`).
    var unit = MarkdownReport.unit

    /// With titles and a template of its own: rendering counts references on both.
    func forAnotherThread(_ rules: [RuleInfo]) -> any FindingRenderer {
        Sections(titles: Grouping.titles(rules), unit: template(MarkdownReport.unitText))
    }

    func render(_ findings: [Finding], section: Section) -> RenderedBytes {
        var out = ""
        for group in Grouping.sections(findings, section) {
            var counts = Summary()
            for f in group { counts.add(f) }
            let rows: [Fields] = group.filter { $0.status != .pass && Grouping.isShown($0) }.map { f in
                Fields([
                    "status": Text(ReportsText.label(f.status)),
                    "rule": Text(f.rule),
                    "title": Text(titles[f.rule] ?? ""),
                    "implements": Text(f.implements.joined(separator: ", ")),
                    "item": Text(f.item ?? ""),
                    "message": Text(f.message),
                    "location": Text(f.locations.first.map { l in l.description + (f.locations.count > 1 ? ReportsText.moreLocations(f.locations.count) : "") } ?? ""),
                ])
            }
            out += unit.render([
                "heading": Grouping.heading(group.first!, section, fileSeparator: " · "),
                "counts": ReportsText.counts(counts),
                "columns": ReportsText.markdownColumns,
                "rows": rows,
                "hasRows": !rows.isEmpty,
                "allGood": ReportsText.nothingToFix,
            ] as [String: Any]) + "\n"
        }
        return RenderedBytes(Array(out.utf8))
    }
}
