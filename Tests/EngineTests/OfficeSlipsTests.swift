import CEL
import Testing
@testable import Engine

/// The office's slips in rules files: each is an error at its place, never a silent change of
/// meaning (a waiver that never expires, a campaign key that is ignored).
@Suite struct OfficeSlipsTests {
    static let rule = """
      - id: plan
        implements: R1
        title: 制定方案
        quote: 9月10日前，各单位要制定出领导班子及成员调研方案。
        for_each: records.plans
        label: string(it.date)
        expect: it.scope == '班子'
    """

    /// The diagnostics of loading `text`, or a test failure when it loads.
    static func diagnostics(_ text: String) -> [Diagnostic] {
        guard case .failure(let e) = load(text) else {
            Issue.record("rules loaded, but should not have")
            return []
        }
        return e.diagnostics
    }

    @Test func waiverKeysAreCheckedWithAHint() throws {
        let text = testRules(Self.rule, extra: """
        waivers:
          - {unit: QX-1, rule: plan, reason: 换届, approver: 办公室, expire: 2019-10-01}
        """)
        let d = try #require(Self.diagnostics(text).first)
        #expect(d.code == "waivers.key")
        #expect(d.message.contains("「expire」") && d.message.contains("是否想写「expires」"))
        #expect(d.location.line == position(of: "expire:", in: text)!.line)
    }

    @Test func aWaiverForARuleThatDoesNotExistIsAnError() throws {
        let text = testRules(Self.rule, extra: """
        expected_units: [QX-1]
        waivers:
          - {unit: QX-1, rule: plna, reason: 换届, approver: 办公室}
          - {unit: QX-9, rule: plan, reason: 换届, approver: 办公室}
        """)
        let ds = Self.diagnostics(text)
        #expect(ds.map(\.code) == ["waivers.rule", "waivers.unit"])
        #expect(ds[0].message.contains("「plna」不存在；是否想写「plan」？"))
        #expect(ds[0].location.column == position(of: "plna", in: text)!.column)
        #expect(ds[1].message.contains("「QX-9」不在名单"))
    }

    @Test func aWaiverForOneItemWaivesOnlyThatItem() throws {
        let set = try mustLoad(testRules(Self.rule, extra: """
        waivers:
          - {unit: QX-1, rule: plan, item: '2019-09-02', reason: 补录, approver: 办公室}
        """))
        let records = """
          plans:
            - {date: 2019-09-02, scope: 个人}
            - {date: 2019-09-03, scope: 个人}
        """
        let findings = check(set, [("a.yaml", county(records: records))], asOf: "2019-10-01").findings.filter { $0.rule == "plan" }
        #expect(findings.map(\.item) == ["2019-09-02", "2019-09-03"])
        #expect(findings.map(\.status) == [.waived, .fail])
    }

    @Test func campaignAndRosterKeysAreChecked() throws {
        let text = testRules(Self.rule, extra: """
        expected_units:
          - {id: QX-1, nmae: 青县}
        """).replacingOccurrences(of: "campaign: {source:", with: "campaign: {titel: 第二批, period: {start: 2019-12-01, end: 2019-09-01}, source:")
        let ds = Self.diagnostics(text)
        #expect(ds.map(\.code) == ["rules.campaign", "rules.campaign", "expected.key"])
        #expect(ds[0].message.contains("「titel」；是否想写「title」？"))
        #expect(ds[1].message.contains("开始日期2019年12月1日晚于结束日期2019年9月1日"))
        #expect(ds[2].message.contains("「nmae」；是否想写「name」？"))
    }

    @Test(arguments: ["''", "'…'", "' '"])
    func anEmptyQuoteIsAnError(_ quote: String) throws {
        let text = testRules(Self.rule.replacingOccurrences(of: "quote: 9月10日前，各单位要制定出领导班子及成员调研方案。", with: "quote: \(quote)"))
        let ds = Self.diagnostics(text)
        #expect(ds.map(\.code) == ["rules.quote"])
        #expect(ds.first?.message.contains("quote 是空的") == true)
    }

    @Test(arguments: [
        ("unit.kind == 'brnach'", "brnach", "是否想写「branch」？"),
        ("'count' != unit.kind", "count", "是否想写「county」？"),
        ("unit.kind in ['county', 'brnch']", "brnch", "是否想写「branch」？"),
        ("records.plans.exists(p, p.scope == '班子会')", "班子会", "可选值：班子、个人"),
    ])
    func aLiteralComparedWithAnEnumMustBeOneOfItsValues(_ condition: String, _ literal: String, _ fragment: String) throws {
        let text = testRules(Self.rule.replacingOccurrences(of: "for_each: records.plans", with: "applies_to: \"\(condition)\"\n    for_each: records.plans"))
        let ds = Self.diagnostics(text)
        #expect(ds.map(\.code) == ["cel.literal"])
        let d = try #require(ds.first)
        #expect(d.message.contains("「\(literal)」不是") && d.message.contains(fragment), "\(d.message)")
        let at = try #require(position(of: "'\(literal)'", in: text))
        #expect(d.location.line == at.line && d.location.column == at.column)
    }

    @Test func aConstantDateThatDoesNotExistIsCaughtAtLoad() throws {
        let text = testRules(Self.rule.replacingOccurrences(of: "expect: it.scope == '班子'", with: "expect: it.date <= date('2019-11-31')"))
        let ds = Self.diagnostics(text)
        #expect(ds.map(\.code) == ["cel.literal"])
        #expect(ds.first?.message.contains("「2019-11-31」不是有效日期") == true)
    }

    @Test func valuesDatesAreReadAsUnitsWriteThemAndBadOnesAreCaughtThere() throws {
        let good = testRules(Self.rule).replacingOccurrences(of: "values: {due: 2019-09-10,", with: "values: {due: 2019.9.15, other: ２０１９年９月１日, ratio: 2.5,")
        let set = try mustLoad(good)
        guard case .date(let d)? = set.values["due"], case .date? = set.values["other"], case .double? = set.values["ratio"] else {
            Issue.record("values not typed as dates: \(set.values)")
            return
        }
        #expect(d.chinese == "2019年9月15日")
        let bad = testRules(Self.rule).replacingOccurrences(of: "values: {due: 2019-09-10,", with: "values: {due: 2019-09-31,")
        let ds = Self.diagnostics(bad)
        #expect(ds.map(\.code) == ["values.date"])
        #expect(ds.first?.location.column == position(of: "2019-09-31", in: bad)?.column)
    }
}

/// Messages the office can act on without knowing CEL's rules by heart.
@Suite struct OfficeMessagesTests {
    @Test(arguments: ["'2019-11-30'", "2019-11-30"])
    func aDateWrittenInAnExpressionFieldSaysHowToWriteIt(_ due: String) throws {
        let text = testRules("""
          - id: plan
            implements: R1
            title: 制定方案
            quote: 9月10日前，各单位要制定出领导班子及成员调研方案。
            done_on: records.plans.map(p, p.date).min()
            due: \(due)
        """)
        let d = try #require(OfficeSlipsTests.diagnostics(text).first)
        #expect(d.message.contains("date('2019-11-30')") && d.message.contains("values"))
    }

    @Test func quotePiecesInTheWrongOrderSaySo() throws {
        let text = testRules("""
          - id: plan
            implements: R1
            title: 制定方案
            quote: 各单位要制定出领导班子及成员调研方案。…9月10日前
            expect: 'true'
        """)
        let d = try #require(OfficeSlipsTests.diagnostics(text).first)
        #expect(d.message.contains("「9月10日前」") && d.message.contains("位于前一片段「各单位要制定出领导班子及成员调研方案。」之前"))
    }

    @Test func lintingOneFileOfARuleSetSuggestsTheFolder() throws {
        let office = "\(repositoryRoot)/Rules/theme-education-2019/office.yaml"
        do {
            _ = try RulesLoader.load(paths: [office])
            Issue.record("office.yaml loaded alone")
        } catch {
            #expect(error.diagnostics.first?.message.contains("duibiao lint \(repositoryRoot)/Rules/theme-education-2019") == true)
        }
    }
}
