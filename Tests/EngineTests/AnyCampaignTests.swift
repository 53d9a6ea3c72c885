import CEL
import Testing
@testable import Engine

/// What a second campaign needs from the language (issue: rules for any campaign).
@Suite struct AnyCampaignTests {
    /// A small inspection campaign: sites, inspections, hazards.
    static func rules(_ rules: String, schemaExtra: String = "", extra: String = "", values: String = "{}") -> String {
        """
        duibiao: 1
        campaign: {source: \(repositoryRoot)/seeds/000_e2d3f5109e70ee80.txt}
        values: \(values)
        schema:
          unit: {fields: {id: string, name: string?, kind: {enum: [county, branch]}}}
          sites: {items: string}
          records:
            fields:
              inspections: {items: {fields: {site: {type: string, ref: sites}, date: date}}}
        \(schemaExtra)
        \(extra)
        rules:
        \(rules)
        """
    }

    static let always = "  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}"

    @Test func aRefMayNameAListOfScalars() throws {
        let set = try mustLoad(Self.rules(Self.always))
        let file = """
        unit: {id: A, kind: county}
        sites: [一号井, 二号井]
        records:
          inspections: [{site: 一号井, date: 2020-03-02}, {site: 三号井, date: 2020-03-03}]
        """
        let invalid = check(set, [("a.yaml", file)], asOf: "2020-04-01").findings.filter { $0.status == .invalid }
        #expect(invalid.count == 1)
        #expect(invalid.first?.message.contains("「三号井」不在") == true)
        #expect(invalid.first?.locations.first?.line == 4)
    }

    @Test(arguments: [("nowhere.at_all", "「nowhere」在 schema 中不存在"), ("sitse", "是否想写「sites」"), ("unit", "不是文本")])
    func aRefMustLeadToTextInTheSchema(_ ref: String, _ fragment: String) throws {
        let text = Self.rules(Self.always).replacingOccurrences(of: "ref: sites", with: "ref: \(ref)")
        guard case .failure(let e) = load(text) else { Issue.record("loaded"); return }
        #expect(e.diagnostics.map(\.code) == ["schema.ref"])
        #expect(e.diagnostics.first?.message.contains(fragment) == true, "\(e.diagnostics)")
    }
}
