import CEL
import Testing
@testable import Engine

/// Every word a unit reads is Chinese: libyaml's English problem texts never leak through.
@Suite struct ChineseMessagesTests {
    static let broken: [(name: String, bytes: [UInt8])] = [
        ("a.yaml", Array("unit: {id: X, kind: county}\nmembers: [@x]\n".utf8)),
        ("b.yaml", Array("unit:\n  id: X\n kind: county\n".utf8)),
        ("c.yaml", Array("unit: {id: X\nmembers: []\n".utf8)),
        ("d.yaml", Array("unit: \"abc\\q\"\n".utf8)),
        ("e.yaml", Array("unit:\n\t- id\n".utf8)),
        ("f.yaml", Array("unit: {id: X}\n".utf8) + [0xE4, 0xB8]),
        ("g.yaml", Array("unit: {id: X}\n".utf8) + [0x80, 0x0A]),
        ("h.yaml", Array("a: 1\n  b: 2\n".utf8)),
        ("i.yaml", Array("unit: &&x 1\n".utf8)),
        ("j.yaml", Array("%FOO bar\n---\na: 1\n".utf8)),
        ("k.json", Array("{\"unit\": {\"id\": \"X\",}\n".utf8)),
        ("l.yaml", Array("unit: 'abc\n".utf8)),
        ("m.yaml", Array("unit: |0\n  x\n".utf8)),
    ]

    static let english = ["while ", "did not", "found ", "expected", "octet", "could not", "invalid", "Error", "NSCocoa", "token"]

    @Test func deadlineMessagesMadeAsBytesReadAsInterpolatedOnes() {
        // Four-digit years by bytes; others as the interpolation writes them.
        let days: [Int32] = [-800_000, -1, 0, 18_144, 18_149, 18_201, 18_230, 2_932_896, 3_000_000]
        for d in days {
            let a = CELDate(day: d), b = CELDate(day: d + 12)
            for n: Int64 in [0, 1, 9, 10, 123, -7, .min, .max] {
                #expect(EngineText.doneLate(a, b, n) == "于\(a.chinese)完成，比截止日期\(b.chinese)晚 \(n) 天")
                #expect(EngineText.overdue(a, b, n) == "截至\(b.chinese)仍未完成，已超过截止日期\(a.chinese) \(n) 天")
                #expect(EngineText.notYetDue(a, n) == (n == 0 ? "尚未完成，今天（\(a.chinese)）截止" : "尚未完成，截止日期\(a.chinese)，还有 \(n) 天"))
            }
            #expect(EngineText.doneOnTime(a, b) == "已于\(a.chinese)完成（截止\(b.chinese)）")
        }
        #expect(EngineText.doneOnTime(CELDate.parse("2019-09-08")!, CELDate.parse("2019-10-10")!) == "已于2019年9月8日完成（截止2019年10月10日）")
    }

    @Test func brokenFilesAreDescribedInChinese() throws {
        let set = try mustLoad(testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}"))
        let r = CheckRun.run(set, inputs: Self.broken.map { f in (f.name, { .success(f.bytes) }) }, asOf: CELDate.parse("2019-10-01")!)
        for f in Self.broken {
            let messages = r.findings.filter { $0.file == f.name && $0.status == .invalid }.map(\.message)
            #expect(!messages.isEmpty, "\(f.name) has no invalid finding")
            for m in messages {
                #expect(!Self.english.contains { m.contains($0) }, "\(f.name): \(m)")
            }
        }
        #expect(r.findings.contains { $0.file == "k.json" && $0.message.hasPrefix("JSON 语法错误") })
    }
}

/// Amplification by size and structure: a small hostile file stays a small report.
@Suite struct AmplificationTests {
    static let rules = testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}")

    @Test func problemsPerFileAreCappedWithACount() throws {
        let set = try mustLoad(Self.rules)
        let text = "unit: {id: X, kind: county}\nmembers: [" + Array(repeating: "{}", count: 20_000).joined(separator: ",") + "]\nrecords: {}\n"
        let r = check(set, [("many.yaml", text)], asOf: "2019-10-01")
        let invalid = r.findings.filter { $0.status == .invalid }
        #expect(invalid.count == 101)
        #expect(invalid.last?.message.contains("另有 19900 处格式问题未列出") == true)
        #expect(invalid.allSatisfy { $0.unit == "X" })
    }

    @Test func unknownKeysAreCheckedInLinearTime() throws {
        let set = try mustLoad(Self.rules)
        let keys = (0..<80_000).map { "k\($0): 1" }.joined(separator: ", ")
        let r = check(set, [("keys.yaml", "unit: {id: X, kind: county, \(keys)}\nmembers: []\nrecords: {}\n")], asOf: "2019-10-01")
        #expect(r.findings.filter { $0.status == .invalid }.count == 101)
    }

    @Test func aHugeUnitNameIsRefusedNotCopiedIntoEveryFinding() throws {
        let set = try mustLoad(Self.rules)
        let name = String(repeating: "名", count: 100_000)
        let r = check(set, [("big.yaml", "unit: {id: X, name: \(name), kind: county}\nmembers: []\nrecords: {}\n")], asOf: "2019-10-01")
        #expect(r.findings.allSatisfy { $0.unitName == nil })
        #expect(r.findings.contains { $0.status == .invalid && $0.message.contains("unit.name 有 100000 个字符，超过上限 200") })
        #expect(r.findings.contains { $0.rule == "r" && $0.status == .pass })
    }

    @Test func aSyntaxErrorIsTheFilesOneProblemAndKeepsItsUnit() throws {
        let set = try mustLoad(Self.rules)
        let r = check(set, [("late.yaml", "unit: {id: X, kind: cuonty}\nmembers: [\n")], asOf: "2019-10-01")
        let invalid = r.findings.filter { $0.status == .invalid }
        #expect(invalid.count == 1)
        #expect(invalid.first?.message.contains("YAML 语法错误") == true)
        #expect(invalid.first?.unit == "X")
    }

    @Test func theOfficeSetsTheLimitsOfUnitsFiles() throws {
        let set = try mustLoad(testRules("  - {id: r, implements: X, title: t, quote: 主题教育, expect: 'true'}",
                                         extra: "limits: {problems: 5, name_length: 4, depth: 3, file_size: 400}"))
        let many = "unit: {id: X, kind: county}\nmembers: [" + Array(repeating: "{}", count: 20).joined(separator: ",") + "]\nrecords: {}\n"
        #expect(check(set, [("a.yaml", many)], asOf: "2019-10-01").findings.filter { $0.status == .invalid }.count == 6)
        let named = check(set, [("b.yaml", "unit: {id: X, name: 青县县委县委, kind: county}\nmembers: []\nrecords: {}\n")], asOf: "2019-10-01")
        #expect(named.findings.contains { $0.message.contains("unit.name 有 6 个字符，超过上限 4") })
        let deep = check(set, [("c.yaml", "unit: {id: X, kind: county}\nmembers: [{name: [[[x]]]}]\n")], asOf: "2019-10-01")
        #expect(deep.findings.contains { $0.message.contains("嵌套层数超过上限 3") })
        let big = CheckRun.run(set, inputs: [("d.yaml", { .success(Array(repeating: 0x20, count: 500)) })], asOf: CELDate.parse("2019-10-01")!)
        #expect(big.findings.contains { $0.message.contains("超过上限 400 字节") })
    }
}
