import CEL
import Testing
@testable import Engine

@Suite struct EvaluationTests {
    static let deadline = """
      - id: plan
        implements: R1
        title: 制定调研方案
        quote: 9月10日前，各单位要制定出领导班子及成员调研方案。
        done_on: records.plans.filter(p, p.scope == '班子').map(p, p.date).min()
        due: values.due
    """
    static let tolerant = deadline + "\n    tolerance: values.approx"

    func run(_ rules: String, _ records: String, asOf: String, extra: String = "") throws -> [Finding] {
        let set = try mustLoad(testRules(rules, extra: extra))
        return check(set, [("u.yaml", county(records: records))], asOf: asOf).findings
    }

    @Test(arguments: [
        // (plan date, as-of, tolerant?, status, message fragment)
        ("2019-09-08", "2019-10-01", false, Status.pass, "已于2019年9月8日完成"),
        ("2019-09-12", "2019-10-01", false, Status.fail, "晚 2 天"),
        ("2019-09-12", "2019-10-01", true, Status.warn, "在容许的 5 天之内"),
        ("2019-09-20", "2019-10-01", true, Status.fail, "晚 10 天"),
        ("2019-09-08", "2019-09-05", false, Status.pending, "台账中有2019年9月8日的记录，晚于检查日期"),
        ("2019-09-12", "2019-09-12", true, Status.warn, "晚 2 天"),
    ])
    func deadlines(_ date: String, _ asOf: String, _ tolerant: Bool, _ status: Status, _ fragment: String) throws {
        let f = try run(tolerant ? Self.tolerant : Self.deadline, "  plans: [{date: \(date), scope: 班子}]", asOf: asOf)
        #expect(f.count == 1)
        #expect(f[0].status == status)
        #expect(f[0].message.contains(fragment), "\(f[0].message)")
    }

    @Test func aFindingPointsAtEachRecordOnceInFileOrder() throws {
        // The value names the later plan first and each plan twice.
        let rule = """
          - id: dup
            implements: R1
            title: 重复
            quote: 9月10日前
            value: records.plans.filter(p, p.scope == '个人') + records.plans + records.plans.filter(p, p.scope == '班子')
            expect: size(value) == 0
        """
        let records = "  plans:\n    - {date: 2019-09-08, scope: 班子}\n    - {date: 2019-09-09, scope: 个人}"
        let f = try run(rule, records, asOf: "2019-10-01")
        #expect(f.count == 1)
        let text = county(records: records)
        let expected = try ["{date: 2019-09-08", "{date: 2019-09-09"].map { try #require(position(of: $0, in: text)) }
        #expect(f[0].locations.map { [$0.line, $0.column] } == expected.map { [$0.line, $0.column] })
    }

    @Test func notDoneIsPendingBeforeTheDueDateAndFailsAfter() throws {
        let before = try run(Self.deadline, "  plans: []", asOf: "2019-09-05")
        #expect(before[0].status == .pending)
        #expect(before[0].message.contains("还有 5 天"))
        let after = try run(Self.deadline, "  plans: []", asOf: "2019-09-20")
        #expect(after[0].status == .fail)
        #expect(after[0].message.contains("已超过截止日期2019年9月10日 10 天"))
    }

    @Test func theDecidingRecordIsLocated() throws {
        let records = "  plans:\n    - {date: 2019-09-12, scope: 班子}\n    - {date: 2019-09-15, scope: 班子}"
        let f = try run(Self.deadline, records, asOf: "2019-10-01")
        let text = county(records: records)
        let at = try #require(position(of: "2019-09-12", in: text))
        #expect(f[0].locations.map { [$0.line, $0.column] } == [[at.line, at.column]])
        #expect(f[0].doneOn?.description == "2019-09-12")
        #expect(f[0].due?.description == "2019-09-10")
    }

    @Test func forEachGivesAFindingPerItem() throws {
        let rule = """
          - id: visits
            implements: R4
            title: 每位成员都参加调研
            quote: 采取蹲点跟班、分层座谈、访谈问计等方法
            for_each: members
            expect: records.visits.exists(v, v.member == it.name)
            message: "{{it.name}}没有调研记录"
        """
        let f = try run(rule, "  visits: [{member: 王五, site: 石桥村, date: 2019-09-20}]", asOf: "2019-10-01")
        #expect(f.map(\.item) == ["王五", "赵六"])
        #expect(f.map(\.status) == [.pass, .fail])
        #expect(f[1].message == "赵六没有调研记录")
    }

    @Test func appliesToSeverityAndErrors() throws {
        let rules = """
          - {id: a, implements: R1, title: t, quote: 9月10日前, applies_to: "unit.kind == 'branch'", expect: 'false'}
          - {id: b, implements: R1, title: t, quote: 9月10日前, severity: warning, expect: 'false'}
          - {id: c, implements: R1, title: t, quote: 9月10日前, expect: '1 / size(records.plans) > 0'}
        """
        let f = try run(rules, "  plans: []", asOf: "2019-10-01")
        #expect(f.map(\.status) == [.notApplicable, .warn, .error])
        #expect(f[2].message.contains("除数为零"))
    }

    @Test func aConditionSharedByRulesIsJudgedForEachAtItsOwnPlace() throws {
        let rules = """
          - {id: a, implements: R1, title: t, quote: 9月10日前, applies_to: "unit.kind == 'county'", expect: 'true'}
          - {id: b, implements: R1, title: t, quote: 9月10日前, applies_to: "unit.kind == 'county'", expect: 'false'}
          - {id: c, implements: R1, title: t, quote: 9月10日前, applies_to: "unit.kind == 'branch'", expect: 'true'}
          - {id: d, implements: R1, title: t, quote: 9月10日前, applies_to: '1 / size(records.plans) > 0', expect: 'true'}
          - {id: e, implements: R1, title: t, quote: 9月10日前, applies_to: '1 / size(records.plans) > 0', expect: 'true'}
        """
        let f = try run(rules, "  plans: []", asOf: "2019-10-01")
        #expect(f.map(\.status) == [.pass, .fail, .notApplicable, .error, .error])
        // The same failing condition, said at each rule's own line.
        #expect(f[3].message.contains("除数为零") && f[4].message.contains("除数为零"))
        #expect(f[3].locations.map(\.line) != f[4].locations.map(\.line))
    }

    /// A campaign rule about crowded visits, its checks given.
    static func crowdRule(_ checks: String) -> String {
        """
          - id: crowd
            implements: R5
            title: 防止扎堆调研
            quote: 要注意防止扎堆调研，避免增加基层负担。
            scope: campaign
        \(checks)
        """
    }

    @Test func campaignGroupsSpanUnits() throws {
        let rule = Self.crowdRule("""
                for_each: all.visits
                group_by: [it.site, week(it.date)]
                value: size(group)
                expect: value <= values.limit
                message: "{{key[0]}}一周接待 {{value}} 次"
            """)
        let set = try mustLoad(testRules(rule))
        let a = county("A", records: "  visits: [{member: 王五, site: 石桥村, date: 2019-09-16}, {member: 王五, site: 东村, date: 2019-09-16}]")
        let b = county("B", records: "  visits: [{member: 王五, site: 石桥村, date: 2019-09-20}, {member: 赵六, site: 石桥村, date: 2019-09-22}]")
        let f = check(set, [("a.yaml", a), ("b.yaml", b)], asOf: "2019-10-01").findings
        let crowded = try #require(f.first { $0.status == .fail })
        #expect(crowded.message == "石桥村一周接待 3 次")
        #expect(crowded.unit == nil)
        #expect(Set(crowded.locations.map(\.file)) == ["a.yaml", "b.yaml"])
        #expect(f.filter { $0.status == .pass }.map(\.unit) == ["A"])
    }

    @Test func aGroupsPlacesAreInPathOrderWhateverTheFilesOrder() throws {
        // Files in path order keep a group's places as numbers; files out of it make a path
        // each to sort by. Both must say the same places in the same order.
        let rule = Self.crowdRule("""
                for_each: all.visits
                group_by: [it.site]
                value: size(group)
                expect: value <= 1
            """)
        let set = try mustLoad(testRules(rule))
        let a = county("A", records: "  visits:\n  - {member: 王五, site: 石桥村, date: 2019-09-16}\n  - {member: 王五, site: 石桥村, date: 2019-09-17}")
        let b = county("B", records: "  visits: [{member: 赵六, site: 石桥村, date: 2019-09-22}]")
        func places(_ files: [(String, String)]) throws -> [String] {
            let f = check(set, files, asOf: "2019-10-01").findings
            return try #require(f.first { $0.status == .fail }).locations.map(\.description)
        }
        let inOrder = try places([("a.yaml", a), ("b.yaml", b)])
        #expect(inOrder.count == 3)
        #expect(inOrder.map { $0.prefix(6) } == ["a.yaml", "a.yaml", "b.yaml"])
        #expect(try places([("b.yaml", b), ("a.yaml", a)]) == inOrder)
        // Read twice, the numbers give the same places.
        let packed = try #require(check(set, [("a.yaml", a), ("b.yaml", b)], asOf: "2019-10-01").findings.first { $0.status == .fail }).locations
        #expect(packed == Locations(Array(packed)))
        var changed = packed
        changed.append(Location(file: "c.yaml", line: 1, column: 1))
        #expect(changed.map(\.file) == ["a.yaml", "a.yaml", "b.yaml", "c.yaml"])
    }

    /// A unit finding's one or two places are kept without an array: the same places, in the
    /// same order, as the list of them sorted and each once.
    @Test func placesInOneFileAreTheSortedListOfThem() {
        func p(_ line: Int32, _ column: Int32, file: Int32 = 7) -> Provenance { Provenance(file: file, line: line, column: column) }
        let cases: [[Provenance]] = [
            [p(3, 5)], [p(3, 5), p(3, 5, file: 2)], [p(9, 1), p(3, 5)], [p(3, 5), p(3, 6)], [p(8, 1), p(2, 2), p(8, 1)],
            [p(8, 1), p(2, 2), p(5, 1), p(2, 2)], [p(1, 1_048_575), p(8_388_607, 1)],
        ]
        for places in cases {
            var list = places.map { Location(file: "县.yaml", line: Int($0.line), column: Int($0.column)) }
            list.sort()
            list.dropRepeats()
            let kept = Locations(file: "县.yaml", places)
            #expect(kept == Locations(list), "\(places)")
            #expect(Array(kept) == list)
            if places.count <= 2 {
                #expect(Locations(file: "县.yaml", places[0], places.count == 2 ? places[1] : nil) == kept)
            }
            var changed = kept
            changed.append(Location(file: "镇.yaml", line: 1, column: 1))
            #expect(Array(changed) == list + [Location(file: "镇.yaml", line: 1, column: 1)])
        }
    }

    /// A key written past column 1,048,575 (a whole file on one line), which a `Provenance`
    /// cannot hold, is still pointed at where it is.
    @Test func aKeyFarAlongItsLineIsPointedAtWhereItIs() throws {
        let set = try mustLoad(testRules("""
          - id: no-visits
            implements: R5
            title: 没有调研
            quote: 要注意防止扎堆调研，避免增加基层负担。
            expect: size(records.visits) == 0
        """))
        let long = String(repeating: "长", count: 1_100_000)
        let text = "unit: {id: QX-1, name: 测试县, kind: county}\nmembers: [{name: 王五}]\n"
            + "records: {problems: [{id: \"\(long)\", status: 整改中}], visits: []}\n"
        let f = try #require(check(set, [("long.yaml", text)], asOf: "2019-10-01").findings.first { $0.rule == "no-visits" })
        let at = try #require(position(of: "visits", in: text))
        #expect(f.status == .pass)
        #expect(f.locations.map(\.line) == [at.line])
        #expect(f.locations.map(\.column) == [at.column])
    }

    @Test func aGroupReadOnlyByItsSizeIsJudgedAsAGroupReadWhole() throws {
        let bySize = Self.crowdRule("""
                for_each: all.visits
                group_by: [it.site]
                value: group.size()
                expect: value <= 1
            """)
        let whole = bySize.replacingOccurrences(of: "id: crowd", with: "id: whole")
            .replacingOccurrences(of: "group.size()", with: "size(group.map(v, v.member))")
        let set = try mustLoad(testRules(bySize + "\n" + whole))
        // Which way each is judged: by its size alone, or with its items read back.
        #expect(set.rules.map(GroupReads.onlySize) == [true, false])
        let a = county("A", records: "  visits: [{member: 王五, site: 石桥村, date: 2019-09-16}, {member: 王五, site: 东村, date: 2019-09-16}]")
        let b = county("B", records: "  visits: [{member: 赵六, site: 石桥村, date: 2019-09-22}]")
        let f = check(set, [("a.yaml", a), ("b.yaml", b)], asOf: "2019-10-01").findings
        let crowd = f.filter { $0.rule == "crowd" }, read = f.filter { $0.rule == "whole" }
        #expect(crowd.map(\.status) == [.fail, .pass])
        #expect(crowd.map(\.value) == [.int(2), .int(1)])
        #expect(crowd.map(\.locations) == read.map(\.locations))
        #expect(crowd.map(\.value) == read.map(\.value))
        #expect(crowd.map(\.status) == read.map(\.status))
        #expect(crowd[0].locations.map(\.file) == ["a.yaml", "b.yaml"])
    }

    @Test func onlyASizeOfTheGroupItselfCountsAsReadingItsSize() throws {
        let env = Env(variables: ["group": .list(.dyn), "values": .dyn])
        func bySize(_ text: String) throws -> Bool { GroupReads.onlySize([try env.compile(text).expr]) }
        #expect(try bySize("size(group) > 2"))
        #expect(try bySize("group.size() + size(group) > values.limit"))
        #expect(try bySize("values.limit > 0"))
        #expect(try !bySize("group.exists(g, g == 1)"))
        #expect(try !bySize("size(group.filter(g, g == 1)) > 0"))
        #expect(try !bySize("group[0] == 1"))
        #expect(try !bySize("[1, 2].all(group, group > 0) && size(group) > 0"))
    }

    @Test func aFilteredCampaignListIsReadFromTheIndexAndItsErrorsAreTheExpressions() throws {
        let filtered = Self.crowdRule("""
                for_each: all.visits.filter(v, v.site == '石桥村')
                label: it.unit.id + ' ' + it.member
                expect: it.date <= values.due + duration('240h')
            """)
        let a = county("A", records: "  visits: [{member: 王五, site: 石桥村, date: 2019-09-16}, {member: 王五, site: 东村, date: 2019-09-16}]")
        let b = county("B", records: "  visits: [{member: 赵六, site: 石桥村, date: 2019-09-22}]")
        let f = check(try mustLoad(testRules(filtered)), [("a.yaml", a), ("b.yaml", b)], asOf: "2019-10-01").findings.filter { $0.rule == "crowd" }
        // Only the two visits to 石桥村, each attributed to its own unit, in file order.
        #expect(f.map(\.item) == ["A 王五", "B 赵六"])
        #expect(f.map(\.unit) == ["A", "B"])
        #expect(f.map(\.status) == [.pass, .fail])
        #expect(f[1].locations.map(\.file) == ["b.yaml"])
        // A filter that fails on an item says what the expression says, as a list would.
        let failing = Self.crowdRule("""
                for_each: all.visits.filter(v, 1 / (size(v.member) - 2) > 0)
                expect: 'true'
            """)
        let e = check(try mustLoad(testRules(failing)), [("a.yaml", a), ("b.yaml", b)], asOf: "2019-10-01").findings.filter { $0.rule == "crowd" }
        #expect(e.map(\.status) == [.error])
        #expect(e.first?.message.contains("除数为零") == true)
    }

    @Test func itemsUsedWholeKeepEveryField() throws {
        // `value:` shows the records themselves: every field stays in the campaign index.
        let rule = Self.crowdRule("""
                value: all.visits.filter(v, v.site == '石桥村')
                expect: size(value) <= values.limit
            """)
        let set = try mustLoad(testRules(rule))
        let a = county("A", records: "  visits: [{member: 王五, site: 石桥村, date: 2019-09-16}, {member: 赵六, site: 石桥村, date: 2019-09-17}, {member: 王五, site: 石桥村, date: 2019-09-18}]")
        let f = check(set, [("a.yaml", a)], asOf: "2019-10-01").findings
        let crowd = try #require(f.first { $0.rule == "crowd" })
        #expect(crowd.status == .fail)
        guard case .list(let items)? = crowd.value, case .record(let first)? = items.first else { Issue.record("\(String(describing: crowd.value))"); return }
        #expect(first.map(\.name) == ["member", "site", "date", "unit"])
    }

    @Test func waiversAndTheRoster() throws {
        let extra = """
        waivers:
          - {unit: QX-1, rule: plan, reason: 合并到县级方案, approver: 市委主题教育办, expires: 2019-12-31}
        expected_units: [QX-1, {id: QX-2, name: 东县县委}]
        """
        let f = try run(Self.deadline, "  plans: []", asOf: "2019-10-01", extra: extra)
        #expect(f.map(\.status) == [.waived, .missing])
        #expect(f[0].message.hasPrefix("已豁免：合并到县级方案"))
        #expect(f[1].unit == "QX-2")
        #expect(f[1].message.contains("东县县委"))
        let late = try run(Self.deadline, "  plans: []", asOf: "2020-01-05", extra: extra)
        #expect(late[0].status == .fail)
        #expect(late[0].message.contains("豁免已于2019年12月31日到期"))
    }

    @Test func anExpectationWithADueDateIsPendingUntilThen() throws {
        let rule = "  - {id: e, implements: R1, title: t, quote: 9月10日前, expect: 'size(records.plans) > 0', due: values.due}"
        #expect(try run(rule, "  plans: []", asOf: "2019-09-01")[0].status == .pending)
        #expect(try run(rule, "  plans: []", asOf: "2019-09-11")[0].status == .fail)
    }

    @Test func duplicateUnitIdsAreReported() throws {
        let set = try mustLoad(testRules("  - {id: r, implements: R1, title: t, quote: 9月10日前, expect: 'true'}"))
        let f = check(set, [("a.yaml", county(records: "  plans: []")), ("b.yaml", county(records: "  plans: []"))], asOf: "2019-10-01").findings
        #expect(f.filter { $0.status == .invalid }.map(\.file) == ["b.yaml"])
    }
}

@Suite struct PartialRunTests {
    @Test func aUnitCheckingItsOwnFileSeesNoRosterAndNoOtherUnitsObligations() throws {
        let set = try RulesLoader.load(paths: ["\(repositoryRoot)/Rules/theme-education-2019"])
        let file = "\(repositoryRoot)/Examples/theme-education-2019/township-qingshi.yaml"
        let asOf = CELDate.parse("2019-12-01")!
        let alone = CheckRun.run(set, paths: [file], asOf: asOf, roster: false).findings
        #expect(!alone.contains { $0.status == .missing })
        #expect(!alone.contains { $0.rule == "escalated-problems-claimed" })
        let batch = CheckRun.run(set, paths: [file], asOf: asOf, roster: true).findings
        #expect(batch.filter { $0.status == .missing }.count == 7)
        #expect(batch.contains { $0.rule == "escalated-problems-claimed" && $0.unit == "SW-001" && $0.status == .fail })
    }
}
