import Foundation
import CEL
import Testing
@testable import Engine

@Suite struct SubmissionTests {
    static let rules = testRules("  - {id: r1, implements: R1, title: t, quote: 9月10日前, expect: 'true'}")

    func invalid(_ text: String, path: String = "u.yaml") throws -> [Finding] {
        let set = try mustLoad(Self.rules)
        return check(set, [(path, text)], asOf: "2019-10-01").findings.filter { $0.status == .invalid }
    }

    @Test func cleanFileHasNoIssuesAndStillRuns() throws {
        let set = try mustLoad(Self.rules)
        let r = check(set, [("u.yaml", county(records: "  plans: [{date: 2019/9/8, scope: 班子}]"))], asOf: "2019-10-01")
        #expect(r.findings.map(\.status) == [.pass])
    }

    @Test func eachSchemaViolationIsLocatedAndTheRestIsChecked() throws {
        let text = county(records: """
          plans:
            - {date: 2019-09-31, scope: 班子}
            - {date: 2019-09-08, scope: 全体, dtae: x}
          visits:
            - {member: 钱七, site: 石桥村, date: 2019年9月20日}
            - {member: 王五, date: 2019-09-20}
          problems:
            - {id: P1, status: 已完成}
        """)
        let found = try invalid(text)
        func at(_ token: String) -> (Int, Int)? { position(of: token, in: text).map { ($0.line, $0.column) } }
        let got = found.map { ($0.locations[0].line, $0.locations[0].column, $0.message) }
        let expected: [(String, String)] = [
            ("2019-09-31", "不是有效日期"),
            ("全体", "不是允许的值"),
            ("dtae", "是否想写「date」"),
            ("钱七", "不在 members 的 name 中"),
            ("{member: 王五", "缺少必填字段「site」"),
            ("{id: P1", "必须填写「completed」"),
        ]
        #expect(got.count == expected.count, "\(got)")
        for (token, text) in expected {
            let p = try #require(at(token))
            #expect(got.contains { $0.0 == p.0 && $0.1 == p.1 && $0.2.contains(text) }, "\(token) at \(p): \(got)")
        }
        // The rule still ran on the same file.
        let set = try mustLoad(Self.rules)
        #expect(check(set, [("u.yaml", text)], asOf: "2019-10-01").findings.contains { $0.rule == "r1" && $0.status == .pass })
    }

    @Test(arguments: [2, 40])
    func aReferenceIsCheckedAgainstAShortOrALongList(_ count: Int) throws {
        // A unit's few names are compared one by one, a long list is hashed: both find the
        // same names, canonically equivalent spellings included.
        let members = (1...count).map { "成员\($0)" } + ["José"]
        let text = county(members: members, records: """
          visits:
            - {member: 成员\(count), site: 石桥村, date: 2019-09-20}
            - {member: Jose\u{301}, site: 石桥村, date: 2019-09-21}
            - {member: 钱七, site: 石桥村, date: 2019-09-22}
        """)
        let found = try invalid(text)
        #expect(found.map(\.message) == ["「钱七」不在 members 的 name 中；请核对名称是否与名单一致"])
    }

    @Test func scalarsAreTypedByTheSchemaNotByYAMLGuessing() throws {
        let text = county(records: "  problems: [{id: no, status: 整改中, note: yes}]")
        #expect(try invalid(text).isEmpty)
    }

    @Test func wrongShapesAndDuplicateKeys() throws {
        let text = """
        unit: {id: QX-1, kind: county, kind: branch}
        members: 王五
        records: {plans: {date: 2019-09-01}}
        """
        let messages = try invalid(text).map(\.message)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages[0].contains("重复"))
        #expect(messages[1].contains("应为列表"))
        #expect(messages[2].contains("应为列表"))
    }

    @Test(arguments: [
        ("unit: !!str x\n", "yaml.tag"),
        ("unit: [\n", "yaml.syntax"),
        ("", "yaml.empty"),
        ("- a\n- b\n", "submission.shape"),
    ])
    func unreadableFilesAreOneInvalidFindingAndTheBatchGoesOn(_ text: String, _ kind: String) throws {
        let set = try mustLoad(Self.rules)
        let r = check(set, [("bad.yaml", text), ("good.yaml", county(records: "  plans: []"))], asOf: "2019-10-01")
        let bad = r.findings.filter { $0.file == "bad.yaml" }
        #expect(bad.count == 1)
        #expect(bad.first?.status == .invalid)
        #expect(r.findings.contains { $0.file == "good.yaml" && $0.rule == "r1" })
    }

    @Test func jsonSubmissionsAreAccepted() throws {
        let json = #"{"unit": {"id": "QX-9", "kind": "county"}, "members": [{"name": "王五"}], "records": {"plans": [{"date": "2019-09-08", "scope": "班子"}]}}"#
        #expect(try invalid(json, path: "u.json").isEmpty)
    }

    @Test func refusingToBeRules() throws {
        let text = county(records: "  plans: []") + "\nwaivers: [{unit: QX-1, rule: r1}]\n"
        let found = try invalid(text)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("waivers") == true)
    }
}

@Suite struct UntrustedInputTests {
    static let rules = testRules("  - {id: r1, implements: R1, title: t, quote: 9月10日前, expect: 'size(members) > 0'}")

    @Test func aFileThatDoesNotSayWhichUnitItIsGetsOnlyItsInvalidFindings() throws {
        let set = try mustLoad(Self.rules)
        let f = check(set, [("u.yaml", "members: [{name: 王五}]\nrecords: {}\n")], asOf: "2019-10-01").findings
        #expect(f.map(\.status) == [.invalid])
        #expect(f.first?.message.contains("unit") == true)
    }

    @Test(arguments: [
        [UInt8](repeating: 0xFF, count: 64),
        Array("unit: {id: X, kind: county}\nrecords: {plans: [{date: 99999-99-99, scope: 班子}]}\n".utf8),
        Array(("unit: " + String(repeating: "[", count: 500)).utf8),
        Array("unit: {id: X, kind: county}\nparty_member_count: 99999999999999999999999\n".utf8),
        Array("unit: &a {id: X, kind: county}\nmembers: [*a, *a]\n".utf8),
        Array("\u{FEFF}unit: {id: X, kind: county}\n".utf8),
    ])
    func nastyFilesAreReportedNotFatal(_ bytes: [UInt8]) throws {
        let set = try mustLoad(Self.rules)
        let r = CheckRun.run(set, inputs: [("bad.yaml", { .success(bytes) }), ("good.yaml", { .success(Array(county(records: "  plans: []").utf8)) })],
                             asOf: CELDate.parse("2019-10-01")!)
        #expect(r.findings.contains { $0.file == "bad.yaml" && $0.status == .invalid })
        #expect(r.findings.contains { $0.file == "good.yaml" && $0.status == .pass })
    }
}

/// Keys and scalars read from the parser's bytes, without a `String` each: the same answers as
/// from the text.
@Suite struct ScalarBytesTests {
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test func keysFindTheirSlotByBytesAsByText() {
        let spec = ObjectSpec(path: "r", fields: [("date", FieldSpec(kind: .date)), ("名称", FieldSpec(kind: .string)),
                                                  ("caf\u{E9}", FieldSpec(kind: .string)), ("id", FieldSpec(kind: .string)),
                                                  ("research_plans", FieldSpec(kind: .string)), ("research_visits", FieldSpec(kind: .string)),
                                                  ("research", FieldSpec(kind: .string))])
        for key in ["date", "名称", "caf\u{E9}", "cafe\u{301}", "id", "ID", "dat", "datee", "", "名", "café ",
                    "research_plans", "research_visits", "research", "research_plant", "research_visitS", "researcH", "research_plans "] {
            #expect(Self.withBytes(key) { spec.slot(utf8: $0) } == spec.type.slot(of: key), "\(key)")
        }
        // ASCII names: a key of other bytes is no name, however it compares as text.
        let ascii = ObjectSpec(path: "a", fields: [("K", FieldSpec(kind: .string))])
        #expect(Self.withBytes("K") { ascii.slot(utf8: $0) } == 0)
        #expect(Self.withBytes("k") { ascii.slot(utf8: $0) } == nil)
        #expect(Self.withBytes("\u{212A}") { ascii.slot(utf8: $0) } == ascii.type.slot(of: "\u{212A}"))
    }

    @Test func aByteTableFindsExactlyTheTextsWithTheSameBytes() {
        let texts = ["已完成", "进行中", "research_plans", "research_visits", "", "a", "caf\u{E9}", "已完成"]
        let table = ByteTable(texts)
        #expect(!table.ascii && ByteTable(["a", "bc"]).ascii)
        for key in texts + ["已完", "已完成 ", "research_plan", "research_plans_", "cafe\u{301}", "A", "b", "进行中中"] {
            // The first text with these bytes, by bytes and by text alike.
            let expected = texts.firstIndex { Array($0.utf8) == Array(key.utf8) }
            #expect(Self.withBytes(key) { table.index(of: $0) } == expected, "\(key)")
            #expect(table.index(of: key) == expected, "\(key)")
        }
        #expect(ByteTable([]).index(of: "x") == nil)
        // A roster's many names, one of them twice: the first place found, near misses not.
        let names = (0..<300).map { "第\($0)号单位" } + ["第7号单位"]
        let roster = ByteTable(names)
        for i in 0..<300 { #expect(roster.index(of: "第\(i)号单位") == i) }
        #expect(roster.index(of: "第300号单位") == nil && roster.index(of: "第7号") == nil && roster.index(of: "") == nil)
    }

    @Test func aTextSetHoldsWhatStringEqualityWould() {
        let few = ["已完成", "caf\u{E9}", "research_plans"]
        let many = few + (0..<40).map { "名\($0)" }
        for values in [few, many] {
            let set = TextSet(values)
            for key in ["已完成", "cafe\u{301}", "caf\u{E9}", "research_plan", "已完成 ", "", "名39", "名40"] {
                #expect(set.contains(key) == values.contains(key), "\(values.count) \(key)")
            }
        }
    }

    @Test func integersAndDatesFromBytesAreThoseFromText() {
        let texts = ["0", "-0", "7", "007", "-12", "+5", " 5", "5 ", "-", "", "1e3", "12a", "３", "999999999999999999",
                     "9223372036854775807", "9223372036854775808", "-9223372036854775808", "--1", "1-",
                     "2019-09-10", "2019/9/8", "2019年9月20日", "２０１９－０９－１０", " 2019-09-10\t", "2019-09-31", "2019-9", "x"]
        let origin = Provenance(file: 1, line: 2, column: 3)
        for kind in [FieldKind.int, .date, .month, .number, .bool, .string] {
            for text in texts {
                let fromBytes = Self.withBytes(text) { ScalarDecoder.decode($0, as: kind, origin: origin) }
                let fromText = ScalarDecoder.decode(text, as: kind, origin: origin)
                #expect(fromBytes.problem == fromText.problem, "\(kind) \(text)")
                #expect(fromBytes.value.map { Equality.equal($0, fromText.value ?? .null) } ?? (fromText.value == nil), "\(kind) \(text)")
            }
        }
    }
}

/// A record of many fields, deep enough that the marks of the records being read pass the
/// decoder's first room for them: each duplicate still points at its first writing, each
/// missing field at its record.
@Suite struct WideRecordTests {
    @Test func duplicatesAndMissingFieldsOfAWideRecordPointAtTheirOwnLines() throws {
        let names = (0..<100).map { "f\($0)" }
        let rules = testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}").replacingOccurrences(
            of: "  records:\n    fields:\n",
            with: "  records:\n    fields:\n      wide: {items: {fields: {\(names.map { "\($0): string" }.joined(separator: ", "))}}}\n")
        #expect(rules.contains("wide:"))
        let set = try mustLoad(rules)
        // Every field but f7, each on its own line; f3 and f90 written a second time at the end.
        let item = names.filter { $0 != "f7" }.map { "      \($0): v" } + ["      f3: w", "      f90: w"]
        let text = county(records: "  wide:\n    -\n" + item.joined(separator: "\n"))
        let sub = SubmissionDecoder.decode(path: "w.yaml", bytes: Array(text.utf8), index: 0, ruleSet: set)
        let duplicates = sub.issues.filter { $0.code == "submission.duplicate" }
        #expect(duplicates.map(\.mark.line) == [position(of: "f3: w", in: text)!.line, position(of: "f90: w", in: text)!.line])
        #expect(duplicates[0].message.contains("\(position(of: "f3: v", in: text)!.line)"))
        #expect(duplicates[1].message.contains("\(position(of: "f90: v", in: text)!.line)"))
        let missing = sub.issues.filter { $0.code == "submission.missing-field" }
        #expect(missing.count == 1 && missing[0].message.contains("f7"))
    }
}

/// A file's references to other lists (a member's name, a topic's id) are each checked against
/// the values at their path, and said in the file's order, whatever their paths.
@Suite struct ReferenceTests {
    @Test func referencesOfTwoPathsAreSaidInTheFilesOrder() throws {
        let set = try RulesLoader.load(paths: [repositoryRoot + "/Rules/theme-education-2019"])
        let path = repositoryRoot + "/Examples/theme-education-2019/county-qingxian.yaml"
        var text = try #require(String(data: FileManager.default.contents(atPath: path)!, encoding: .utf8))
        text = text.replacingOccurrences(of: "    - {member: 王五, topic: T1, site: 石桥村, date: 2019-09-19, method: 分层座谈}", with: """
                - {member: 无名甲, topic: T1, site: 石桥村, date: 2019-09-19, method: 分层座谈}
                - {member: 王五, topic: T9, site: 石桥村, date: 2019-09-19, method: 分层座谈}
                - {member: 无名乙, topic: T8, site: 石桥村, date: 2019-09-19, method: 分层座谈}
            """)
        let sub = SubmissionDecoder.decode(path: "q.yaml", bytes: Array(text.utf8), index: 0, ruleSet: set)
        let refs = sub.issues.filter { $0.code == "submission.ref" }
        let said = refs.map { ($0.mark.line, $0.message.contains("无名甲") ? "甲" : $0.message.contains("T9") ? "T9" : $0.message.contains("无名乙") ? "乙" : $0.message.contains("T8") ? "T8" : "?") }
        #expect(said.map(\.1) == ["甲", "T9", "乙", "T8"])
        #expect(said.map(\.0) == said.map(\.0).sorted())
        #expect(refs.allSatisfy { !$0.message.isEmpty })
    }
}

/// Where a file writes its root's keys and its records' keys, by name and by the numbers
/// the rules' reads are given.
@Suite struct KeyMarksTests {
    @Test func eachKeyOfTheRootAndItsRecordsIsWhereTheFileWritesIt() throws {
        let set = try mustLoad(testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: size(records.plans) >= 0}"))
        let text = county(records: """
              plans: [{date: 2019-09-08, scope: 班子}]
              visits: []
            """)
        let sub = SubmissionDecoder.decode(path: "a.yaml", bytes: Array(text.utf8), index: 0, ruleSet: set)
        for (name, token) in [("unit", "unit:"), ("members", "members:"), ("records", "records:"), ("records.plans", "plans:"),
                              ("records.visits", "visits:"), ("unit.id", "id:"), ("unit.kind", "kind:")] {
            let mark = try #require(sub.keyMarks[name], "\(name)")
            let at = try #require(position(of: token, in: text))
            #expect((mark.line, mark.column) == (at.line, at.column), "\(name)")
            #expect(sub.keyMarks[key: set.schema.keyNumbers[name]] == mark, "\(name)")
        }
        // Declared but not written, deeper than a record of the root, or not declared at all.
        for name in ["records.problems", "records.plans.date", "plans", "nothing"] { #expect(sub.keyMarks[name] == nil, "\(name)") }
        #expect(sub.keyMarks[key: set.schema.identityKey] == sub.keyMarks["unit"])
        // A rule's reads are numbered as the keys are.
        let reads = set.rules[0].reads.compactMap { set.schema.keyNumbers[$0] }
        #expect(set.readKeys[0] == reads && !reads.isEmpty)
    }
}

/// The file as of a date: made only when a record is dated later, and then as before.
@Suite struct AsOfViewTests {
    @Test func aFileWithNothingLaterIsItsOwnViewAndAnotherIsFiltered() throws {
        let set = try mustLoad(testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}"))
        let text = county(records: """
              plans: [{date: 2019-09-08, scope: 班子}, {date: 2019-10-02, scope: 个人}]
              visits: [{member: 王五, site: 柳河村, date: 2019-09-20}]
            """)
        let sub = SubmissionDecoder.decode(path: "a.yaml", bytes: Array(text.utf8), index: 0, ruleSet: set)
        let root = try #require(sub.root)
        #expect(sub.latestDated == CELDate.parse("2019-10-02"))
        for day in ["2019-08-01", "2019-09-08", "2019-09-30", "2019-10-01", "2019-10-02", "2019-12-01"] {
            let asOf = try #require(CELDate.parse(day))
            let view = try #require(AsOfView.view(of: sub, set.schema.root, asOf: asOf))
            let walked = AsOfView.view(root, set.schema.root, asOf: asOf)
            #expect(Equality.equal(.object(view), .object(walked)), "\(day)")
            // Nothing after the date: the file itself, not looked into.
            if asOf >= CELDate.parse("2019-10-02")! { #expect(view === root, "\(day)") }
        }
        // No dated record at all: the file itself.
        let bare = SubmissionDecoder.decode(path: "b.yaml", bytes: Array(county(records: "  problems: []").utf8), index: 1, ruleSet: set)
        #expect(bare.latestDated == nil)
        #expect(AsOfView.view(of: bare, set.schema.root, asOf: CELDate.parse("2019-01-01")!) === bare.root)
    }
}
