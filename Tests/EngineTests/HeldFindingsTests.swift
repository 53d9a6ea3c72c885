import CEL
import Testing
@testable import Engine

/// The campaign's findings go to a spill file while the rules run and come back in report
/// order (`HeldFindings`): each must come back as it went in.
@Suite struct HeldFindingsTests {
    static func dump(_ f: Finding) -> String {
        "\(f.unit ?? "-") \(f.unitName ?? "-") \(f.file ?? "-") \(f.rule) \(f.implements) \(f.head.ruleIndex ?? -1) \(f.status) \(f.severity) "
            + "\(f.message) \(f.item ?? "-") \(String(describing: f.value)) \(f.due?.number ?? -1) \(f.doneOn?.number ?? -1) "
            + "\(Array(f.locations)) \(f.excerpt ?? "-") \(f.nothingToCheck) \(f.detailed) \(f.order)"
    }

    static let path: @Sendable (Int) -> String = { "单位/\($0).yaml" }

    static func finding(_ i: Int, unit: String?, rule: Int) -> Finding {
        let head = FindingHead(unit: unit, unitName: nil, file: nil, rule: "规则-\(rule)", implements: ["R\(rule)", "C1"], ruleIndex: rule)
        let values: [Measure?] = [nil, .null, .bool(true), .bool(false), .int(-3), .double(2.5), .text("三次"), .day(Day(number: 18_000)),
                                  .list([.int(1), .text("二"), .list([])]), .record([.init(name: "甲", value: .record([.init(name: "乙", value: .null)]))])]
        let places: [Locations] = [
            [],
            [Location(file: "a.yaml", line: 3, column: 7), Location(file: "b 乙.yaml", line: 1, column: 1)],
            Locations(packed: [Provenance(file: 2, line: 9, column: 4), Provenance(file: 5, line: 1, column: 1)], path: path),
            Locations(file: "c.yaml", Provenance(file: 0, line: 4, column: 2), Provenance(file: 0, line: 2, column: 8)),
            Locations(file: "d.yaml", Provenance(file: 0, line: 12, column: 1), nil),
        ]
        var f = Finding(head: head, status: Status.allCases[i % Status.allCases.count], severity: i % 2 == 0 ? .error : .warning,
                        message: i % 3 == 0 ? "" : "第\(i)项未完成（截止2019年9月10日）", item: i % 4 == 0 ? nil : "项目 \(i)",
                        value: values[i % values.count], due: i % 2 == 0 ? Day(number: Int32(18_000 + i)) : nil,
                        doneOn: i % 3 == 1 ? Day(number: -Int32(i)) : nil, locations: places[i % places.count])
        f.excerpt = i % 5 == 0 ? "    - {date: 2019-09-10}" : nil
        f.nothingToCheck = i % 7 == 0
        f.detailed = i % 2 == 1
        f.order = (rule, i)
        return f
    }

    @Test func findingsComeBackAsTheyWentInInReportOrder() {
        let held = HeldFindings(store: SpillStore(chunk: 64))
        var made: [(entry: Int, finding: Finding)] = []
        // Entries out of order, campaign-wide ones (-1) and units with no file (Int.max) among them.
        for i in 0..<60 {
            let entry = [3, -1, 0, Int.max, 2, 0, 1][i % 7]
            let unit = entry == -1 ? nil : entry == Int.max ? "外-\(i % 2)" : "U-\(entry)"
            let f = Self.finding(i, unit: unit, rule: i % 3)
            made.append((entry, f))
            held.add(f, entry: entry)
        }
        var back: [String] = []
        let failed = held.forEach(path: Self.path, who: { e, id in UnitHead(unit: id, unitName: "名\(e)", file: "f\(e).yaml") }) {
            back.append(Self.dump($0))
        }
        #expect(failed == nil)
        let expected = made.enumerated()
            .sorted { ($0.element.entry, $0.element.finding.order.rule, $0.element.finding.order.item, $0.offset)
                    < ($1.element.entry, $1.element.finding.order.rule, $1.element.finding.order.item, $1.offset) }
            .map { _, m -> String in
                var f = m.finding
                if let id = f.unit, m.entry >= 0, m.entry != Int.max { f.setWho(UnitHead(unit: id, unitName: "名\(m.entry)", file: "f\(m.entry).yaml")) }
                return Self.dump(f)
            }
        #expect(back == expected)
    }

    @Test func bytesThatAreNoFindingAreRefused() {
        var w = FindingBytes.Writer(bytes: [])
        w.write(Self.finding(9, unit: "U-1", rule: 1))
        let template = FindingHead(unit: nil, unitName: nil, file: nil, rule: "r", implements: [])
        var whole = FindingBytes.Reader(bytes: w.bytes)
        #expect(whole.finding(template) != nil)
        // What a failed read gives back (zeros), every cut of the bytes, and the bytes with more after them.
        var zeros = FindingBytes.Reader(bytes: Array(repeating: 0, count: w.bytes.count))
        #expect(zeros.finding(template) == nil)
        for cut in 0..<w.bytes.count {
            var r = FindingBytes.Reader(bytes: Array(w.bytes.prefix(cut)))
            #expect(r.finding(template) == nil, "cut at \(cut)")
        }
        var longer = FindingBytes.Reader(bytes: w.bytes + [0])
        #expect(longer.finding(template) == nil)
    }

    @Test func aSpillFileThatFailsIsSaid() {
        let store = SpillStore(chunk: 1)
        let held = HeldFindings(store: store)
        for i in 0..<5 { held.add(Self.finding(i, unit: "U-\(i)", rule: 2), entry: i) }
        store.failReadsForTesting()
        var read = 0
        let failed = held.forEach(path: Self.path, who: { _, id in UnitHead(unit: id, unitName: nil, file: nil) }) { _ in read += 1 }
        #expect(read == 0)
        #expect(failed?.rule.rule == "规则-2")
    }
}
