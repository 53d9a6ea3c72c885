import Engine
import Mustache

/// JUnit XML for CI (GitLab, Jenkins): a `<testsuite>` per unit, a `<testcase>` per finding.
/// `fail` and `missing` are failures, `error` and `invalid` errors, `pending`,
/// `not_applicable` and `waived` skipped with their reason; `warn` passes with its message on
/// `<system-out>`. Each unit's suite is written as the unit is done.
public final class JUnitReport: FindingSink {
    private let output: ReportOutput
    private var suites = Suites(titles: [:], templates: .shared)

    /// A unit's `<testsuite>` and its cases (`JUnitTemplates` parses each text).
    static let suiteText = """
    {{% CONTENT_TYPE: XML}}
      <testsuite name="{{name}}" tests="{{tests}}" failures="{{failures}}" errors="{{errors}}" skipped="{{skipped}}" time="0"{{#file}} file="{{.}}"{{/file}}>
    {{#cases}}
        <testcase classname="{{classname}}" name="{{name}}" time="0"{{#file}} file="{{.}}"{{/file}}{{#line}} line="{{.}}"{{/line}}>
    {{{outcome}}}    </testcase>
    {{/cases}}
      </testsuite>

    """

    /// What a case that does not pass says, by kind: rendered on its own and put into its case
    /// as it is (one name for the suite to look up per case, not one per kind).
    static let failureText = """
    {{% CONTENT_TYPE: XML}}
          <failure type="{{type}}" message="{{message}}">{{detail}}</failure>

    """
    static let errorText = """
    {{% CONTENT_TYPE: XML}}
          <error type="{{type}}" message="{{message}}">{{detail}}</error>

    """
    static let skippedText = """
    {{% CONTENT_TYPE: XML}}
          <skipped message="{{message}}"/>

    """
    static let outText = """
    {{% CONTENT_TYPE: XML}}
          <system-out>{{detail}}</system-out>

    """

    /// `emit` gets the document in pieces and returns false to stop.
    public init(_ emit: @escaping ([UInt8]) -> Bool) {
        output = ReportOutput(emit)
    }

    public func begin(_ header: RunHeader) {
        suites = Suites(titles: Grouping.titles(header.rules), templates: .shared)
        output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"duibiao\">\n")
    }

    public func write(_ findings: [Finding], section: Section) { output.write(suites.render(findings, section: section)) }

    public var renderer: (any FindingRenderer)? { suites }

    public func write(_ findings: [Finding], section: Section, rendered: RenderedBytes) { output.write(rendered) }

    public func end(_ summary: Summary) {
        output.write("</testsuites>\n")
    }

}

/// JUnit's templates, parsed from `JUnitReport`'s texts: once for the run, and once more for
/// each checking thread past the first, since rendering counts references on a template's parts.
struct JUnitTemplates: Sendable {
    let suite, failure, error, skipped, out: MustacheTemplate

    /// The templates every renderer of the run shares but those of threads past the first.
    static let shared = JUnitTemplates()

    init() {
        (suite, failure, error, skipped, out) = (template(JUnitReport.suiteText), template(JUnitReport.failureText),
                                                 template(JUnitReport.errorText), template(JUnitReport.skippedText),
                                                 template(JUnitReport.outText))
    }
}

/// A unit's `<testsuite>`s, made on any thread from the rule titles `begin` gave.
struct Suites: FindingRenderer {
    let titles: [String: String]
    let templates: JUnitTemplates

    func render(_ findings: [Finding], section: Section) -> RenderedBytes {
        RenderedBytes(Array(Grouping.sections(findings, section).map { group in
            templates.suite.render(suite(group, name: Grouping.heading(group.first!, section)))
        }.joined().utf8))
    }

    /// With templates and titles of its own: rendering counts references on both.
    func forAnotherThread(_ rules: [RuleInfo]) -> any FindingRenderer {
        Suites(titles: Grouping.titles(rules), templates: JUnitTemplates())
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
                c["outcome"] = outcome(templates.failure)
            case .error, .invalid:
                errors += 1
                c["outcome"] = outcome(templates.error)
            case .pending, .notApplicable, .waived:
                skipped += 1
                c["outcome"] = Text(templates.skipped.render(Fields(["message": Text(ReportsText.label(f.status) + "：" + f.message)])))
            case .warn:
                c["outcome"] = Text(templates.out.render(Fields(["detail": Text(detail())])))
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
