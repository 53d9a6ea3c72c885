import CEL
import Foundation
import Testing
@testable import Engine

/// A unit clerk's slips: whatever the file gets wrong, the unit keeps its findings, nothing
/// vanishes from the report, and nothing is counted twice.
@Suite struct ClerkSlipsTests {
    static let perPlan = """
      - id: plan
        implements: R1
        title: 制定方案
        quote: 9月10日前，各单位要制定出领导班子及成员调研方案。
        for_each: records.plans
        expect: it.scope == '班子'
    """

    /// `[王五，赵六]` is one text in YAML: the names joined by a Chinese comma are said to be
    /// the list's items (or, in a field of one name, several names), not just "not on the list".
    @Test func namesJoinedByAChineseCommaAreSaidToBeSeveral() throws {
        let set = try RulesLoader.load(paths: ["\(repositoryRoot)/Rules/theme-education-2019"])
        let path = "\(repositoryRoot)/Examples/theme-education-2019/county-qingxian.yaml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "attendees: [王五, 赵六]", with: "attendees: [王五，赵六]")
        text = text.replacingOccurrences(of: "{member: 王五,", with: "{member: 王五、赵六,")
        let r = check(set, [("county.yaml", text)], asOf: "2019-10-15")
        let messages = r.findings.filter { $0.status == .invalid }.map(\.message)
        #expect(messages.contains { $0.contains("「王五，赵六」") && $0.hasSuffix("写成 [王五, 赵六]") })
        #expect(messages.contains { $0.contains("「王五、赵六」") && $0.hasSuffix("这里只能填一项") })
        // A name that is not on the list is said as before.
        text = text.replacingOccurrences(of: "[王五，赵六]", with: "[王五，张三丰]")
        let other = check(set, [("county.yaml", text)], asOf: "2019-10-15").findings.map(\.message)
        #expect(other.contains { $0.contains("「王五，张三丰」") && $0.hasSuffix("请核对名称是否与名单一致") })
    }

    @Test func aSyntaxErrorLateInTheFileKeepsTheUnit() throws {
        let set = try mustLoad(testRules(Self.perPlan, extra: "expected_units: [QX-1]"))
        let broken = county(records: "  plans: [{date: 2019-09-02, scope: 班子}\n  visits: []")
        let r = check(set, [("a.yaml", broken)], asOf: "2019-10-01")
        let invalid = try #require(r.findings.first { $0.status == .invalid })
        #expect(invalid.unit == "QX-1")
        #expect(invalid.unitName == "测试县")
        #expect(invalid.message.contains("YAML 语法错误"))
        #expect(!r.findings.contains { $0.status == .missing })
    }

    @Test func anEmptyForEachSaysThereWasNothingToCheck() throws {
        let set = try mustLoad(testRules(Self.perPlan))
        for records in ["  plans: []", "  plans:", "  {}"] {
            let r = check(set, [("a.yaml", county(records: records))], asOf: "2019-10-01")
            let f = try #require(r.findings.first { $0.rule == "plan" }, "no finding for \(records)")
            #expect(f.status == .notApplicable)
            #expect(f.nothingToCheck)
            #expect(f.message.contains("records.plans 为空"))
        }
    }

    @Test func aRequiredListMayNotBeEmpty() throws {
        let text = testRules(Self.perPlan).replacingOccurrences(of: "plans: {dated_by: date, items:", with: "plans: {dated_by: date, min_items: 1, items:")
        let set = try mustLoad(text)
        for (records, line) in [("  plans: []", 6), ("  plans:", 6), ("  visits: []", 6)] {
            let file = county(records: records)
            let r = check(set, [("a.yaml", file)], asOf: "2019-10-01")
            let f = try #require(r.findings.first { $0.status == .invalid }, "no invalid finding for \(records)")
            #expect(f.message.contains("「records.plans」至少要有 1 项，现在只有 0 项"))
            #expect(f.locations.first?.line == line, "\(records)")
        }
        let bad = testRules(Self.perPlan).replacingOccurrences(of: "id: string\n", with: "id: {type: string, min_items: 2}\n")
        guard case .failure(let e) = load(bad) else { Issue.record("min_items on a string loaded"); return }
        #expect(e.diagnostics.map(\.code) == ["schema.min-items"])
    }

    @Test func aDuplicateFileIsLeftOutOfCampaignTotals() throws {
        let rule = """
          - id: total
            implements: R5
            title: 调研总次数
            quote: 要注意防止扎堆调研，避免增加基层负担。
            scope: campaign
            value: size(all.visits)
            expect: value <= 10
        """
        let set = try mustLoad(testRules(rule))
        let a = county("A", records: "  visits: [{member: 王五, site: 石桥村, date: 2019-09-16}, {member: 王五, site: 东村, date: 2019-09-16}]")
        let r = check(set, [("a.yaml", a), ("copy.yaml", a)], asOf: "2019-10-01")
        let total = try #require(r.findings.first { $0.rule == "total" })
        guard case .int(2)? = total.value else { Issue.record("counted \(String(describing: total.value))"); return }
        #expect(r.findings.contains { $0.file == "copy.yaml" && $0.status == .invalid && $0.message.contains("重复") })
    }

    @Test func aNotepadFileWithByteOrderMarkAndCRLFIsRead() throws {
        let set = try mustLoad(testRules(Self.perPlan))
        let text = county(records: "  plans: [{date: 2019-09-02, scope: 个人}]").replacingOccurrences(of: "\n", with: "\r\n")
        let r = CheckRun.run(set, inputs: [("win.yaml", { .success([0xEF, 0xBB, 0xBF] + Array(text.utf8)) })], asOf: CELDate.parse("2019-10-01")!)
        #expect(!r.findings.contains { $0.status == .invalid })
        let f = try #require(r.findings.first { $0.rule == "plan" })
        #expect(f.status == .fail)
        // Columns count from after the mark: `{date` stands at column 11 of line 6, as without the mark.
        #expect(f.locations.map(\.line) == [6])
        #expect(f.locations.map(\.column) == [11])
    }
}
