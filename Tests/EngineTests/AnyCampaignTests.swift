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

    @Test func theMessageHeadsEveryNonPassingDeadlineFinding() throws {
        let set = try mustLoad(Self.rules("""
          - id: first
            implements: X
            title: 首次检查
            quote: 主题教育
            done_on: records.inspections.map(i, i.date).min()
            due: values.due
            message: 每个单位须在{{values.due}}前完成首次检查
        """, values: "{due: 2020-03-10}"))
        func finding(_ date: String, _ asOf: String) -> Finding? {
            let file = "unit: {id: A, kind: county}\nsites: [一号井]\nrecords:\n  inspections: [{site: 一号井, date: \(date)}]\n"
            return check(set, [("a.yaml", file)], asOf: asOf).findings.first { $0.rule == "first" }
        }
        let late = try #require(finding("2020-03-12", "2020-04-01"))
        #expect(late.status == .fail)
        #expect(late.message == "每个单位须在2020年3月10日前完成首次检查；于2020年3月12日完成，比截止日期2020年3月10日晚 2 天")
        let pending = try #require(finding("2020-03-12", "2020-03-05"))
        #expect(pending.status == .pending && pending.message.hasPrefix("每个单位须在2020年3月10日前完成首次检查；尚未完成"))
        let done = try #require(finding("2020-03-09", "2020-04-01"))
        #expect(done.status == .pass && !done.message.contains("须在"))
    }

    /// A rule binds `it` and `value` in the unit's activation while it runs (in place, not in a
    /// copy): the next rules read the file's own fields of those names again.
    @Test func aRootFieldNamedAsARulesBindingIsTheFilesAgainInTheNextRule() throws {
        let set = try mustLoad(Self.rules("""
          - {id: each, implements: X, title: t, quote: 主题教育, for_each: records.inspections, value: 'it.site', expect: 'value != ""'}
          - {id: whole, implements: X, title: t, quote: 主题教育, value: '5', expect: 'value == 5'}
          - {id: after, implements: X, title: t, quote: 主题教育, expect: 'value == 7 && it == "根"'}
        """, schemaExtra: "  value: int?\n  it: string?"))
        let file = """
        unit: {id: A, kind: county}
        sites: [一号井]
        value: 7
        it: 根
        records:
          inspections: [{site: 一号井, date: 2020-03-02}, {site: 一号井, date: 2020-03-03}]
        """
        let findings = check(set, [("a.yaml", file)], asOf: "2020-04-01").findings
        #expect(findings.map(\.rule) == ["each", "each", "whole", "after"])
        #expect(findings.allSatisfy { $0.status == .pass }, "\(findings.map { ($0.rule, $0.status, $0.message) })")
    }

    @Test func aKeyWithoutEffectIsAWarningAndTheRulesStillLoad() throws {
        let set = try mustLoad(Self.rules("""
          - {id: r, implements: X, title: t, quote: 主题教育, label: school.code, expect: 'true'}
          - {id: g, implements: X, title: t, quote: 主题教育, scope: campaign, for_each: all.inspections, group_by: [it.site], label: it.site, expect: 'true'}
        """).replacingOccurrences(of: "unit: {fields: {id: string, name: string?, kind: {enum: [county, branch]}}}", with: "school: {role: unit, fields: {code: {type: string, role: id}}}"))
        #expect(set.warnings.map(\.code) == ["rules.no-effect", "rules.no-effect"])
        #expect(set.warnings.last?.message.contains("group_by") == true)
        #expect(set.warnings.first?.isWarning == true)
        #expect(set.warnings.first?.description.contains("warning[rules.no-effect]") == true)
    }

    @Test func monthsAreReadAsUnitsWriteThemAndCompareWithMonths() throws {
        let text = Self.rules("""
          - id: monthly
            implements: X
            title: 每月报告
            quote: 主题教育
            for_each: months(values.start, values.end)
            label: string(it)
            expect: records.reports.exists(r, r.month == it)
        """, values: "{start: 2020-03, end: 2020年5月}")
            .replacingOccurrences(of: "      inspections:", with: "      reports: {items: {fields: {month: month}}}\n      inspections:")
        let set = try mustLoad(text)
        let file = """
        unit: {id: A, kind: county}
        sites: []
        records:
          reports: [{month: 2020-03}, {month: ２０２０年４月}, {month: 2020/13}]
          inspections: []
        """
        let f = check(set, [("a.yaml", file)], asOf: "2020-06-01").findings
        let invalid = f.filter { $0.status == .invalid }
        #expect(invalid.count == 1)
        #expect(invalid.first?.message.contains("「2020/13」不是有效月份") == true)
        #expect(invalid.first?.locations.first?.line == 4)
        #expect(f.filter { $0.rule == "monthly" }.map(\.status) == [.pass, .pass, .fail])
    }

    @Test func valuesMappingsAreReadByComputedKey() throws {
        let text = Self.rules("""
          - id: fixed
            implements: X
            title: 隐患按级别限期整改
            quote: 主题教育
            for_each: records.hazards
            label: it.id
            expect: >-
              it.level in values.fix_within && has(it.fixed)
                && it.fixed <= it.found + values.fix_within[it.level]
                && dyn(values.fix_within)[it.level] == values.fix_within[it.level]
                && values.fix_within.major == duration('720h')
        """, values: "{fix_within: {major: 30d, 一般: 15d}}")
            .replacingOccurrences(of: "      inspections:", with: "      hazards: {items: {fields: {id: string, level: string, found: date, fixed: date?}}}\n      inspections:")
        let set = try mustLoad(text)
        let file = """
        unit: {id: A, kind: county}
        sites: []
        records:
          hazards:
            - {id: H1, level: major, found: 2020-03-01, fixed: 2020-03-25}
            - {id: H2, level: 一般, found: 2020-03-01, fixed: 2020-03-25}
            - {id: H3, level: 未知, found: 2020-03-01, fixed: 2020-03-02}
          inspections: []
        """
        let f = check(set, [("a.yaml", file)], asOf: "2020-06-01").findings.filter { $0.rule == "fixed" }
        #expect(f.map(\.status) == [.pass, .fail, .fail])
    }

    @Test func theRosterDecidesWhichRulesApply() throws {
        let text = testRules("""
          - {id: for-branches, implements: X, title: t, quote: 主题教育, applies_to: "unit.kind == 'branch'", expect: 'true'}
        """, extra: """
        expected_units:
          - {id: QX-1, name: 测试县, kind: branch}
        """)
        let set = try mustLoad(text)
        let file = county(records: "  plans: []")
        let r = check(set, [("a.yaml", file), ("b.yaml", county("QX-9", records: "  plans: []"))], asOf: "2019-10-01")
        let invalid = try #require(r.findings.first { $0.file == "a.yaml" && $0.status == .invalid })
        #expect(invalid.message.contains("unit.kind 填写为「county」，与名单（rules.yaml:"))
        #expect(invalid.message.contains("中的「branch」不一致"))
        #expect(invalid.locations.first?.line == 1)
        #expect(r.findings.first { $0.file == "a.yaml" && $0.rule == "for-branches" }?.status == .pass)
        let stranger = try #require(r.findings.first { $0.file == "b.yaml" && $0.rule == BuiltinRule.roster })
        #expect(stranger.status == .warn)
        #expect(stranger.message.contains("「QX-9」不在名单"))
        // QX-9 follows its own file: it is not on the roster, so nothing overrides it.
        #expect(r.findings.first { $0.file == "b.yaml" && $0.rule == "for-branches" }?.status == .notApplicable)
    }

    @Test func rosterEntriesAreTypedByTheSchema() throws {
        let text = testRules(Self.always, extra: """
        expected_units:
          - {id: QX-1, kind: brnach, batch: 2}
        """)
        guard case .failure(let e) = load(text) else { Issue.record("loaded"); return }
        #expect(Set(e.diagnostics.map(\.code)) == ["expected.key", "expected.value"])
        #expect(e.diagnostics.contains { $0.message.contains("「brnach」不是允许的值") })
        #expect(e.diagnostics.contains { $0.message.contains("「batch」") && $0.message.contains("id、name、kind") })
    }
}
