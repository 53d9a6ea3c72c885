@testable import Engine
import Foundation
import Testing
@testable import Reports

@Suite struct ReportsTests {
    static let finding = Finding(unit: "XZ-1", file: "a \"b\".yaml", rule: "r", implements: ["R1"],
                                 status: .fail, message: "第一行\n第二行\t完", item: nil,
                                 value: .list([.day(Day("2019-09-10")!), .double(0.5), .int(3), .null]),
                                 due: Day("2019-09-10"), locations: [Location(file: "a.yaml", line: 3, column: 5)])
    static let header = RunHeader(asOf: Day("2019-10-01")!, ruleFiles: [], rules: [
        RuleInfo(id: "r", title: "标题", implements: ["R1"], quote: "原文", severity: .error, scope: .unit, location: nil),
    ], files: 1)

    /// A run held as a check would have made it: the header, one batch, the totals.
    static func held(_ findings: [Finding]) -> CheckResult {
        let sink = CollectingSink()
        sink.begin(header)
        sink.write(findings, section: .unit)
        var summary = Summary()
        for f in findings { summary.add(f) }
        sink.end(summary)
        return sink.result
    }

    @Test func jsonIsValidAndKeepsTheContractFields() throws {
        let json = JSONReport.finding(Self.finding).serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let keys: Set<String> = ["unit", "unit_name", "file", "rule", "implements", "status", "severity", "message",
                                 "item", "value", "due", "done_on", "locations"]
        #expect(Set(object.keys) == keys)
        #expect(object["message"] as? String == "第一行\n第二行\t完")
        #expect(object["file"] as? String == "a \"b\".yaml")
        #expect((object["value"] as? [Any])?.count == 4)
        #expect(object["due"] as? String == "2019-09-10")
    }

    @Test func displayWidthCountsChineseAsTwoCells() {
        #expect(DisplayWidth.of("通过") == 4)
        #expect(DisplayWidth.of("R1 张三") == 7)
        #expect(DisplayWidth.pad("警告", to: 6) == "警告  ")
    }

    @Test func caretsLineUpUnderChineseText() {
        let d = Diagnostic("cel.field", "m", at: Location(file: "r.yaml", line: 2, column: 10),
                           sourceLine: "  标题: 张三.dtae", length: 4)
        let lines = DiagnosticRenderer.render(d).split(separator: "\n")
        #expect(lines[0] == "r.yaml:2:10: error[cel.field]: m")
        #expect(lines[1] == "      标题: 张三.dtae")
        #expect(lines[2] == "      \u{3000}\u{3000}  \u{3000}\u{3000} ^^^^")
        #expect(DisplayWidth.of(String(lines[2]).replacingOccurrences(of: "^", with: "")) == DisplayWidth.of("      标题: 张三."))
    }

    @Test func controlCharactersFromFilesAreShownNotObeyed() throws {
        var f = Finding(unit: "XZ-1", file: "evil\nname.yaml", rule: "r", status: .fail,
                        message: "\u{1B}[2J\u{1B}]0;pwned\u{07}清屏\u{0}\u{202E}", item: "\u{1B}[31m红\u{9B}",
                        locations: [Location(file: "evil\nname.yaml", line: 1, column: 1)])
        f.unitName = "名\r称"
        let result = Self.held([f])
        let text = TextReport.render(result, rulesLabel: "Rules", color: false)
        let controls = text.unicodeScalars.filter { TerminalText.isUnsafe($0) && $0 != "\n" }
        #expect(controls.isEmpty, "\(text)")
        #expect(text.contains("\\u{1B}[2J\\u{1B}]0;pwned\\u{7}清屏\\u{0}\\u{202E}"))
        #expect(text.contains("evil\\u{A}name.yaml"))
        #expect(text.contains("名\\u{D}称"))
        // Every line the report prints is one it meant to print: the file name adds none.
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("name.yaml") })
    }

    @Test func diagnosticsEscapeTooAndKeepTheCaretUnderTheMistake() {
        let d = Diagnostic("cel.field", "m\u{1B}", at: Location(file: "r.yaml", line: 1, column: 4),
                           sourceLine: "\u{1B}ab.x", length: 1)
        let lines = DiagnosticRenderer.render(d).split(separator: "\n")
        #expect(lines[0] == "r.yaml:1:4: error[cel.field]: m\\u{1B}")
        #expect(lines[1] == "    \\u{1B}ab.x")
        #expect(lines[2] == "            ^")
    }

    @Test func quotingEightBytesAtATimeEscapesWhatOneAtATimeWould() {
        // Every ASCII byte, and text of one to four bytes a character, at every offset of an
        // eight-byte window: each escape must be found wherever it falls.
        let pieces = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["长", "é", "😀", "ab", "\\\"", "1234567"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<40 {
            for _ in 0..<60 {
                var text = ""
                for _ in 0..<length {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    text += pieces[Int(state >> 33) % pieces.count]
                }
                var got: [UInt8] = []
                JSON.quote(text, into: &got)
                var expected: [UInt8] = [0x22]
                for b in text.utf8 {
                    if b < 0x20 || b == 0x22 || b == 0x5C { JSON.escape(b, into: &expected) } else { expected.append(b) }
                }
                expected.append(0x22)
                #expect(got == expected, "\(Array(text.utf8))")
            }
        }
    }

    @Test func theDirectWriterWritesWhatTheTreeWould() {
        var variants = [Self.finding]
        var bare = Finding(unit: nil, file: nil, rule: "r", status: .pass, message: "符合要求")
        bare.locations = []
        variants.append(bare)
        var many = Self.finding
        many.locations += [Location(file: "b\u{1}.yaml", line: 10, column: 2)]
        many.implements = []
        variants.append(many)
        var other = Self.finding
        other.unit = "XZ-2"
        other.value = .text("三\"次\"")
        other.doneOn = Day("2019-09-01")
        other.locations = [Location(file: "a.yaml", line: 12_345, column: 1), Location(file: "c.yaml", line: 1, column: 99)]
        variants += [other, other, Self.finding]
        // Days of years without four digits: written as `description` writes them.
        var ancient = Self.finding
        (ancient.due, ancient.doneOn, ancient.value) = (Day(number: -800_000), Day(number: 3_000_000), .day(Day(number: -1)))
        variants.append(ancient)
        // The farthest days a date can be, and the same due date again (its text kept).
        var farthest = Self.finding
        (farthest.due, farthest.doneOn) = (Day(number: .min), Day(number: .max))
        variants += [farthest, farthest, Self.finding, Self.finding]
        var several = Self.finding
        several.implements = ["R1", "B\"2", "C3"]
        variants.append(several)
        var big = Self.finding
        big.value = .int(-9_223_372_036_854_775_807 - 1)
        variants.append(big)
        var nested = Self.finding
        nested.value = .list([.list([.text("甲"), .day(Day("2019-09-01")!)]), .list([]), .bool(true),
                              .record([.init(name: "n", value: .int(2))])])
        variants.append(nested)
        // Every status and severity, written as literals by the writer.
        for status in Status.allCases {
            for severity in [Severity.error, .warning] {
                var f = bare
                (f.status, f.severity) = (status, severity)
                variants.append(f)
            }
        }
        // Heads that say where their rule is in the run's table, rightly or not (another id,
        // other `implements`, a place past the table): the table's bytes only where both match.
        for (index, rule, implements) in [(0, "r", ["R1"]), (0, "x", ["R1"]), (0, "r", ["R2"]), (7, "r", ["R1"]), (-1, "r", ["R1"])] {
            var f = Self.finding
            f.head = FindingHead(unit: "XZ-1", unitName: "单位", file: "a.yaml", rule: rule, implements: implements, ruleIndex: index)
            variants.append(f)
        }
        // One writer for the whole batch, as a unit's findings are written: what it keeps from
        // one finding to the next must not leak into the next one's bytes. Without the rules'
        // table, and with it (rule `r`, which some variants name with other `implements`).
        let table = JSONFindingWriter.table(Self.header.rules)
        for var writer in [JSONFindingWriter(), JSONFindingWriter(rules: table)] {
            for f in variants {
                var buffer = ByteBuffer(capacity: 1)
                writer.write(f, into: &buffer)
                let direct = Array(buffer.bytes)
                var tree: [UInt8] = []
                JSONReport.finding(f).write(into: &tree, indent: nil)
                #expect(direct == tree, "\(String(decoding: direct, as: UTF8.self))")
            }
        }
    }

    @Test func numbersAreWrittenAsTheirTextSays() {
        // Every number of three digits or fewer goes byte by byte; the rest by the general loop.
        let numbers: [Int64] = Array(-12...1_200) + [9_999, 10_000, 65_535, 1 << 31, Int64.max, Int64.min + 1, Int64.min]
        for n in numbers {
            var buffer = ByteBuffer(capacity: 1)
            JSONFindingWriter.decimal(n, &buffer)
            #expect(String(decoding: Array(buffer.bytes), as: UTF8.self) == String(n))
        }
    }

    @Test func aFindingWithAProvincesLocationsIsWrittenInPiecesAsOneElement() throws {
        var big = Self.finding
        big.unit = nil
        big.locations = Locations((1...9_000).map { Location(file: "县\($0 % 7).yaml", line: $0, column: 3) })
        var tree: [UInt8] = []
        JSONReport.finding(big).write(into: &tree, indent: nil)
        #expect(tree.count > 4 * JSONFindingWriter.spillSize)
        // First in the document (its comma dropped) and between others.
        for findings in [[big, Self.finding], [Self.finding, big, Self.finding]] {
            let json = JSONReport.render(Self.held(findings))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let written = try #require(object["findings"] as? [[String: Any]])
            #expect(written.map { ($0["locations"] as? [Any])?.count } == findings.map(\.locations.count))
            // The element is the finding's own bytes, pieces joined in order.
            #expect(json.contains(String(decoding: tree, as: UTF8.self)))
        }
    }

    @Test func eachFindingAndRuleIsOneLineThatParsesAlone() throws {
        var nested = Self.finding
        nested.value = .record([.init(name: "n", value: .list([.int(2), .text("多\n行")]))])
        let findings = [Self.finding, nested, Self.finding]
        let lines = JSONReport.render(Self.held(findings)).split(separator: "\n").map(String.init)
        // A line per finding and per row of the rules table, indented once inside its array.
        let elements = try lines.filter { $0.hasPrefix("    {") }.map { line in
            let text = line.dropFirst(4).dropLast(line.hasSuffix(",") ? 1 : 0)
            return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        }
        let written = elements.filter { $0["status"] != nil }
        #expect(written.count == findings.count)
        #expect(written.map { $0["message"] as? String } == findings.map(\.message))
        #expect(elements.count - written.count == Self.header.rules.count)
        #expect(lines.first == "{" && lines.last == "}")
    }

    @Test func aSARIFResultWrittenInPiecesIsTheOneItsTreeWouldBe() {
        let results = Results(rules: Self.header.rules)
        var big = Self.finding
        big.locations = Locations((1...3_000).map { Location(file: "县\($0 % 7).yaml", line: $0, column: 3) })
        var waived = Self.finding
        waived.status = .waived
        var bare = Self.finding
        bare.locations = []
        var passed = Self.finding
        passed.status = .pass
        for f in [Self.finding, big, waived, bare, passed] {
            var pieces: [[UInt8]] = []
            results.write(f) { pieces.append($0) }
            #expect(Array(pieces.joined()) == results.render([f], section: .unit).bytes)
            // Nothing for a pass; in pieces only when there is much of it.
            if f.status == .pass {
                #expect(pieces.isEmpty)
            } else if f.locations.count > 1_000 {
                #expect(pieces.count > 4)
            } else {
                #expect(pieces.count == 1)
            }
        }
    }

    @Test func theDocumentHasItsVersionTheRulesTableAndTotalsAtTheEnd() throws {
        let json = JSONReport.render(Self.held([Self.finding]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["format_version"] as? Int == JSONReport.formatVersion)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.count == 1)
        #expect(rules[0]["title"] as? String == "标题")
        #expect(rules[0]["quote"] as? String == "原文")
        #expect((object["summary"] as? [String: Int])?["fail"] == 1)
        // Keys in the documented order: what is known first comes first, totals last.
        let order = ["\"format_version\"", "\"as_of\"", "\"rule_files\"", "\"rules\"", "\"findings\"", "\"summary\""]
        let offsets = order.map { json.range(of: $0)!.lowerBound }
        #expect(offsets == offsets.sorted())
    }

    @Test func writersSendEachBatchBeforeTheRunEnds() {
        for make in [{ (emit: @escaping ([UInt8]) -> Bool) -> FindingSink in TextReport(rulesLabel: "R", color: false, emit) },
                     { (emit: @escaping ([UInt8]) -> Bool) -> FindingSink in JSONReport(chunk: 1, emit) }] {
            var sent: [UInt8] = []
            let sink = make { sent += $0; return true }
            sink.begin(Self.header)
            sink.write([Self.finding], section: .unit)
            // The finding is out before the totals are known.
            #expect(String(decoding: sent, as: UTF8.self).contains("第一行"))
            sink.end(Summary())
        }
    }

    @Test func anEmptyRunIsStillADocument() throws {
        let json = JSONReport.render(Self.held([]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["findings"] as? [Any])?.isEmpty == true)
    }
}

@Suite struct XLSXSheetTests {
    @Test func findingsPastASheetsRowsGoOnToTheNext() throws {
        var bytes: [UInt8] = []
        let sink = XLSXReport(rulesLabel: "R", rowsPerSheet: 3) { bytes += $0; return true }
        sink.begin(ReportsTests.header)
        sink.write(Array(repeating: ReportsTests.finding, count: 5), section: .unit)
        sink.end(Summary())
        #expect(sink.problem == nil)
        // A zip (PK) with five sheets: the summary, the matrix, and three of findings (2 + 2 + 1).
        #expect(bytes.starts(with: [0x50, 0x4B]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("xl/worksheets/sheet5.xml"))
        #expect(!text.contains("xl/worksheets/sheet6.xml"))
    }
}
