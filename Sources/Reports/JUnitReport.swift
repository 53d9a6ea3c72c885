import Engine
import Mustache

/// JUnit XML for CI (GitLab, Jenkins): a `<testsuite>` per unit, a `<testcase>` per finding.
/// `fail` and `missing` are failures, `error` and `invalid` errors, `pending`,
/// `not_applicable` and `waived` skipped with their reason; `warn` passes with its message on
/// `<system-out>`. Each unit's suite is written as the unit is done.
public final class JUnitReport: FindingSink {
    private let output: ReportOutput
    private var suites = Suites(titles: [:])

    static let suite = template("""
    {{% CONTENT_TYPE: XML}}
      <testsuite name="{{name}}" tests="{{tests}}" failures="{{failures}}" errors="{{errors}}" skipped="{{skipped}}" time="0"{{#file}} file="{{.}}"{{/file}}>
    {{#cases}}
        <testcase classname="{{classname}}" name="{{name}}" time="0"{{#file}} file="{{.}}"{{/file}}{{#line}} line="{{.}}"{{/line}}>
    {{{outcome}}}    </testcase>
    {{/cases}}
      </testsuite>

    """)

    /// What a case that does not pass says, by kind: rendered on its own and put into its case
    /// as it is (one name for the suite to look up per case, not one per kind).
    static let failure = template("""
    {{% CONTENT_TYPE: XML}}
          <failure type="{{type}}" message="{{message}}">{{detail}}</failure>

    """)
    static let error = template("""
    {{% CONTENT_TYPE: XML}}
          <error type="{{type}}" message="{{message}}">{{detail}}</error>

    """)
    static let skipped = template("""
    {{% CONTENT_TYPE: XML}}
          <skipped message="{{message}}"/>

    """)
    static let out = template("""
    {{% CONTENT_TYPE: XML}}
          <system-out>{{detail}}</system-out>

    """)

    /// `emit` gets the document in pieces and returns false to stop.
    public init(_ emit: @escaping ([UInt8]) -> Bool) {
        output = ReportOutput(emit)
    }

    public func begin(_ header: RunHeader) {
        var titles: [String: String] = [:]
        for r in header.rules where titles[r.id] == nil { titles[r.id] = r.title }
        suites = Suites(titles: titles)
        output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"duibiao\">\n")
    }

    public func write(_ findings: [Finding], section: Section) { output.write(suites.render(findings, section: section)) }

    public var renderer: (any FindingRenderer)? { suites }

    public func write(_ findings: [Finding], section: Section, rendered: [UInt8]) { output.write(rendered) }

    public func end(_ summary: Summary) {
        output.write("</testsuites>\n")
    }

}

/// A unit's `<testsuite>`s, made on any thread from the rule titles `begin` gave.
struct Suites: FindingRenderer {
    let titles: [String: String]

    func render(_ findings: [Finding], section: Section) -> [UInt8] {
        Array(Grouping.sections(findings, section).map { group in
            JUnitReport.suite.render(suite(group, name: Grouping.heading(group.first!, section)))
        }.joined().utf8)
    }

    private func suite(_ group: ArraySlice<Finding>, name: String) -> [String: Any] {
        var failures = 0, errors = 0, skipped = 0
        let cases: [Fields] = group.map { f in
            let title = titles[f.rule] ?? ""
            var c = Fields(["classname": Text(f.unit ?? ReportsText.campaignWide),
                            "name": Text(Grouping.subject(f) + (title.isEmpty ? "" : " " + title))])
            if let l = f.locations.first {
                c["file"] = Text(l.file)
                c["line"] = Text(String(l.line))
            }
            // What went wrong and where, for the findings that say it (not a pass's).
            func detail() -> String {
                ([ReportsText.label(f.status) + "：" + f.message] + f.locations.map(\.description)).joined(separator: "\n")
            }
            func outcome(_ kind: MustacheTemplate) -> Text {
                Text(kind.render(Fields(["type": Text(f.status.rawValue), "message": Text(f.message), "detail": Text(detail())])))
            }
            switch f.status {
            case .fail, .missing:
                failures += 1
                c["outcome"] = outcome(JUnitReport.failure)
            case .error, .invalid:
                errors += 1
                c["outcome"] = outcome(JUnitReport.error)
            case .pending, .notApplicable, .waived:
                skipped += 1
                c["outcome"] = Text(JUnitReport.skipped.render(Fields(["message": Text(ReportsText.label(f.status) + "：" + f.message)])))
            case .warn:
                c["outcome"] = Text(JUnitReport.out.render(Fields(["detail": Text(detail())])))
            case .pass:
                // Written as it is: a name the case lacks would be written as `false`.
                c["outcome"] = Text("")
            }
            return c
        }
        var suite: [String: Any] = ["name": name, "tests": group.count, "failures": failures, "errors": errors,
                                    "skipped": skipped, "cases": cases]
        if let file = group.first?.file { suite["file"] = file }
        return suite
    }
}
