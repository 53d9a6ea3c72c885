import CEL
import Testing
@testable import Engine

/// Runaway rules stop with an error naming the rule and the unit, never a hang.
@Suite struct RunawayTests {
    static func rule(_ expect: String, extra: String = "") -> String {
        testRules("""
          - id: heavy
            implements: S1
            title: 逐一核对
            quote: 9月10日前，各单位要制定出领导班子及成员调研方案。
            expect: "\(expect)"
        """, extra: extra)
    }

    static let manyVisits = county(records: "  visits:\n" + (0..<300).map { "    - {member: 王五, site: 村\($0), date: 2019-09-16}" }.joined(separator: "\n"))

    @Test func nestedLoopsStopAtTheBudgetWithAnError() throws {
        let set = try mustLoad(Self.rule("records.visits.all(a, records.visits.all(b, records.visits.all(c, a.site + b.site + c.site != '')))"))
        let r = check(set, [("big.yaml", Self.manyVisits)], asOf: "2019-10-01")
        let f = try #require(r.findings.first { $0.rule == "heavy" })
        #expect(f.status == .error)
        #expect(f.unit == "QX-1")
        #expect(f.message.contains("计算量超过上限（1000000 步）"))
    }

    @Test func theOfficeCanRaiseOrLowerTheBudget() throws {
        let expect = "records.visits.all(a, records.visits.exists(b, a.site == b.site))"
        let low = try mustLoad(Self.rule(expect, extra: "limits: {cost: 1000}"))
        #expect(check(low, [("big.yaml", Self.manyVisits)], asOf: "2019-10-01").findings.first { $0.rule == "heavy" }?.status == .error)
        let fine = try mustLoad(Self.rule(expect))
        #expect(check(fine, [("big.yaml", Self.manyVisits)], asOf: "2019-10-01").findings.first { $0.rule == "heavy" }?.status == .pass)
        guard case .failure(let e) = load(Self.rule(expect, extra: "limits: {cost: lots, cots: 1}")) else { Issue.record("loaded"); return }
        #expect(Set(e.diagnostics.map(\.code)) == ["limits.cost", "limits.key"])
        #expect(e.diagnostics.contains { $0.message.contains("是否想写「cost」") })
    }

    /// A campaign rule asking of each unit's item whether some other unit answered it: a
    /// province's items against a province's items. Going over every item for each would
    /// spend the units times the items, past a budget that grows with the units; the items
    /// are looked up instead (`Loops.Lookup`), so the rule is judged, not stopped.
    @Test func aCampaignJoinOverEveryUnitFitsItsBudget() throws {
        let set = try mustLoad(testRules("""
          - id: answered
            implements: R5
            title: 上报的问题有人认领
            quote: 要注意防止扎堆调研，避免增加基层负担。
            scope: campaign
            for_each: all.problems.filter(p, has(p.note))
            for_unit: it.note
            expect: all.problems.exists(c, c.unit.id == it.note && c.id == '认领-' + it.id)
        """, extra: "limits: {cost: 1000}"))
        let n = 300
        let files = (0..<n).map { i in
            // Each unit sends a problem on to the next, which claims it; the last one's is not.
            let claim = i == 0 ? "" : "\n    - {id: 认领-P-\(i - 1), status: 整改中}"
            return ("u\(i).yaml", county("QX-\(i)", records: "  problems:\n    - {id: P-\(i), status: 整改中, note: QX-\(i + 1)}" + claim))
        }
        let found = check(set, files, asOf: "2019-10-01").findings.filter { $0.rule == "answered" }
        #expect(found.count == n)
        #expect(found.filter { $0.status == .pass }.count == n - 1)
        #expect(found.filter { $0.status == .fail }.map(\.unit) == ["QX-\(n)"])
    }

    /// The same province, each problem's `note` asked for among every unit's id, a list
    /// made by a `map` over every unit: made for each problem, the units squared again. It
    /// names nothing that changes from one problem to the next, so it is made once and kept
    /// (`Loops.Invariant`), and `in` looks each note up in it (`MemberIndex`).
    @Test func aCampaignMembershipOverEveryUnitFitsItsBudget() throws {
        let set = try mustLoad(testRules("""
          - id: sent-to-a-unit
            implements: R5
            title: 上报给已填报的单位
            quote: 要注意防止扎堆调研，避免增加基层负担。
            scope: campaign
            for_each: all.problems.filter(p, has(p.note))
            expect: it.note in all.submissions.map(s, s.unit.id)
        """, extra: "limits: {cost: 1000}"))
        let n = 300
        let files = (0..<n).map { i in
            ("u\(i).yaml", county("QX-\(i)", records: "  problems:\n    - {id: P-\(i), status: 整改中, note: QX-\(i + 1)}"))
        }
        let found = check(set, files, asOf: "2019-10-01").findings.filter { $0.rule == "sent-to-a-unit" }
        #expect(found.count == n)
        #expect(found.filter { $0.status == .pass }.count == n - 1)
        #expect(found.filter { $0.status == .fail }.map(\.unit) == ["QX-\(n - 1)"])
    }

    @Test func catastrophicBacktrackingPatternsRunInLinearTime() throws {
        // Swift's backtracking Regex takes exponential time here; RE2 does not backtrack.
        let text = String(repeating: "a", count: 5_000) + "b"
        let set = try mustLoad(Self.rule("records.visits.all(v, !(v.site + '\(text)').matches('^(a+)+$'))"))
        let r = check(set, [("a.yaml", county(records: "  visits: [{member: 王五, site: a, date: 2019-09-16}]"))], asOf: "2019-10-01")
        #expect(r.findings.first { $0.rule == "heavy" }?.status == .pass)
    }

    @Test func aBadConstantPatternIsCaughtAtLoad() throws {
        guard case .failure(let e) = load(Self.rule("records.visits.all(v, v.site.matches('(unclosed'))")) else { Issue.record("loaded"); return }
        #expect(e.diagnostics.map(\.code) == ["cel.literal"])
        #expect(e.diagnostics.first?.message.contains("「(unclosed」不是有效的正则表达式") == true)
    }

    @Test func aBadComputedPatternIsAnErrorFinding() throws {
        let set = try mustLoad(Self.rule("records.visits.all(v, v.site.matches(v.site + '('))"))
        let r = check(set, [("a.yaml", county(records: "  visits: [{member: 王五, site: a, date: 2019-09-16}]"))], asOf: "2019-10-01")
        let f = try #require(r.findings.first { $0.rule == "heavy" })
        #expect(f.status == .error)
        #expect(f.message.contains("无效的正则表达式"))
    }

    @Test func itemsPastTheLimitAreOneErrorFinding() throws {
        let perVisit = testRules("""
          - id: each
            implements: R5
            title: 逐次调研
            quote: 要注意防止扎堆调研，避免增加基层负担。
            for_each: records.visits
            expect: it.site != ''
        """, extra: "limits: {items: 100}")
        let set = try mustLoad(perVisit)
        let f = check(set, [("big.yaml", Self.manyVisits)], asOf: "2019-10-01").findings.filter { $0.rule == "each" }
        #expect(f.count == 101)
        #expect(f.prefix(100).allSatisfy { $0.status == .pass })
        #expect(f.last?.status == .error)
        #expect(f.last?.message.contains("共有 300 项，超过逐项检查的上限 100 项；第 101 项起未检查") == true)
    }

}

/// Unit and campaign rules run alike: what one scope reports, the other does too.
@Suite struct OneRunnerTests {
    @Test func aCampaignAppliesToThatFailsIsAnErrorNotSilentlyNotApplicable() throws {
        let set = try mustLoad(testRules("""
          - id: crowd
            implements: R5
            title: 防止扎堆调研
            quote: 要注意防止扎堆调研，避免增加基层负担。
            scope: campaign
            applies_to: 1 / (size(all.visits) - size(all.visits)) > 0
            for_each: all.visits
            expect: 'true'
        """))
        let f = try #require(check(set, [("a.yaml", county(records: "  visits: []"))], asOf: "2019-10-01").findings.first { $0.rule == "crowd" })
        #expect(f.status == .error)
        #expect(f.message.contains("规则无法评估（applies_to）"))
    }

    @Test func datedRecordsReadOnlyInAMessageOrAppliesToAreBound() throws {
        let set = try mustLoad(testRules("""
          - id: r
            implements: G1
            title: t
            quote: 主题教育
            applies_to: size(dated_records) >= 0
            expect: 'false'
            message: "共有 {{size(dated_records)}} 条有日期的记录"
        """))
        let f = try #require(check(set, [("a.yaml", county(records: "  plans: [{date: 2019-09-02, scope: 班子}]"))], asOf: "2019-10-01").findings.first { $0.rule == "r" })
        #expect(f.status == .fail)
        #expect(f.message == "共有 1 条有日期的记录")
    }
}
