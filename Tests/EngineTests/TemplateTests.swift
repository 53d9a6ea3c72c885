import CEL
@testable import Engine
import Foundation
import Testing

/// `duibiao template`: what a unit is given to fill in validates once filled.
@Suite struct TemplateTests {
    static func ruleSet(_ name: String) throws -> RuleSet {
        try RulesLoader.load(paths: ["\(repositoryRoot)/Rules/\(name)"])
    }

    /// Fills a template as a clerk would: every example item uncommented as it stands, the
    /// unit's own fields written in.
    static func fill(_ template: String, unit: [String: String]) -> String {
        var out: [String] = []
        for line in template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.contains("示例项") || line.hasPrefix("#") { continue }
            var text = line
            if let r = text.range(of: #"^(\s*)# ([- ] )"#, options: .regularExpression) {
                let indent = text[r].prefix { $0 == " " }
                text = String(indent) + String(text[text.index(r.lowerBound, offsetBy: indent.count + 2)...])
            }
            for (key, value) in unit where text.hasPrefix("  \(key):") {
                text = "  \(key): \(value)"
            }
            out.append(text)
        }
        return out.joined(separator: "\n")
    }

    @Test(arguments: [("theme-education-2019", "branch", ["id": "ZB-9001", "name": "测试支部", "batch": "2"]),
                      ("theme-education-2019", "county", ["id": "QX-9001", "name": "测试县委", "batch": "2"]),
                      ("double-reduction-2021", nil, ["code": "XX-99", "title": "测试小学", "stage": "小学"])])
    func aFilledInTemplateValidates(_ campaign: String, _ kind: String?, _ unit: [String: String]) throws {
        let set = try Self.ruleSet(campaign)
        let template = try SubmissionTemplate(set, kind: kind, asOf: CELDate.parse("2019-10-15")!).render()
        let filled = Self.fill(template, unit: unit)
        let r = CheckRun.run(set, inputs: [("filled.yaml", { .success(Array(filled.utf8)) })], asOf: CELDate.parse("2022-01-01")!, roster: false)
        let invalid = r.findings.filter { $0.status == .invalid || $0.status == .error }
        #expect(invalid.isEmpty, "\(invalid.map(\.message))\n\(filled)")
        // Every rule came out one way or another: the file was read as a unit's.
        #expect(r.findings.contains { $0.rule != BuiltinRule.roster && $0.status != .notApplicable }, "\(filled)")
    }

    @Test func theUnfilledTemplateIsYAMLThatSaysWhatIsMissing() throws {
        let set = try Self.ruleSet("theme-education-2019")
        let template = try SubmissionTemplate(set, kind: "branch", asOf: CELDate.parse("2019-10-15")!).render()
        let r = CheckRun.run(set, inputs: [("blank.yaml", { .success(Array(template.utf8)) })], asOf: CELDate.parse("2019-10-15")!, roster: false)
        // No syntax error: only the fields left blank are reported, at their own lines.
        let invalid = r.findings.filter { $0.status == .invalid }
        #expect(!invalid.isEmpty)
        #expect(invalid.allSatisfy { !$0.message.contains("YAML") }, "\(invalid.map(\.message))")
        let lines = template.split(separator: "\n", omittingEmptySubsequences: false)
        let batchLine = try #require(lines.firstIndex { $0.hasPrefix("  batch:") })
        #expect(invalid.contains { $0.locations.first?.line == batchLine + 1 }, "\(invalid.map(\.message))")
    }

    @Test func aKindFillsTheUnitAndMarksListsItsRulesDoNotRead() throws {
        let set = try Self.ruleSet("theme-education-2019")
        let branch = try SubmissionTemplate(set, kind: "branch", asOf: CELDate.parse("2019-10-15")!).render()
        #expect(branch.contains("\n  kind: branch  #"))
        let line = { (name: String) in branch.split(separator: "\n").first { $0.hasPrefix("  \(name):") }.map(String.init) ?? "" }
        // Branches hold theme party days in study sessions; research plans are for leading teams.
        #expect(!line("study_sessions").contains("可以不填"))
        #expect(line("research_plans").contains("branch 类单位适用的规则不检查本项"))
        #expect(throws: TemplateError.self) { try SubmissionTemplate(set, kind: "village", asOf: CELDate.parse("2019-10-15")!) }
    }
}
